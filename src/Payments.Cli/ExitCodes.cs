namespace Payments.Cli;

/// <summary>What every <c>payments</c> command returns, so that scripts can tell a refusal from a mistake.</summary>
public static class ExitCodes
{
    public const int Done = 0;

    /// <summary>Nothing matched (e.g. no message with that id), or a system the command talks to failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: the error and the command's help go to stderr.</summary>
    public const int Usage = 2;
}
