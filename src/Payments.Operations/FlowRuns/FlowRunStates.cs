namespace Payments.Operations.FlowRuns;

public static class FlowRunStates
{
    public const string Running = "Running";
    public const string Failed = "Failed";
    public const string Completed = "Completed";

    public static readonly IReadOnlyList<string> All = [Running, Failed, Completed];
}
