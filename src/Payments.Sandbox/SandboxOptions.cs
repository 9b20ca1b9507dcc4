namespace Payments.Sandbox;

/// <summary>How the all-in-one sandbox runs; from the command line (<c>--serve</c>, <c>--port</c>, <c>--data</c>).</summary>
public sealed record SandboxOptions
{
    /// <summary>Keep running after the demonstration flow, so a user can post their own events.</summary>
    public bool Serve { get; init; }

    /// <summary>Gateway port on 127.0.0.1; 0 picks a free one (the one-shot run and the tests).</summary>
    public int GatewayPort { get; init; }

    /// <summary>Where the SQLite databases live.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, ".data");

    /// <summary>The webhook signing secret the gateway accepts; e.g. the one <c>stripe listen</c> prints.</summary>
    public string WebhookSecret { get; init; } = "whsec_sandbox_" + Guid.NewGuid().ToString("N");

    /// <summary>How long the demonstration flow may take before the run counts as failed.</summary>
    public TimeSpan FlowTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra configuration (<c>--Key=Value</c> or <c>--Key Value</c>) passed through to the services.</summary>
    public IReadOnlyList<string> ConfigurationArgs { get; init; } = [];

    public static SandboxOptions Parse(string[] args)
    {
        var options = new SandboxOptions();
        var passThrough = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--serve":
                    options = options with { Serve = true, GatewayPort = options.GatewayPort == 0 ? 5080 : options.GatewayPort };
                    break;
                case "--port" when i + 1 < args.Length:
                    options = options with { GatewayPort = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) };
                    break;
                case "--data" when i + 1 < args.Length:
                    options = options with { DataDirectory = Path.GetFullPath(args[++i]) };
                    break;
                case "--webhook-secret" when i + 1 < args.Length:
                    options = options with { WebhookSecret = args[++i] };
                    break;
                case "-h" or "--help":
                    throw new SandboxUsageException();
                default:
                    passThrough.Add(args[i]);
                    break;
            }
        }
        return options with { ConfigurationArgs = passThrough };
    }

    public const string Usage = """
        Payments sandbox: gateway, sagas, P21 and Stripe services, and their simulators, in one process.

          dotnet run --project src/Payments.Sandbox [-- options]

          (no option)             run one Stripe charge through the whole flow, print what happened, exit 0 on success
          --serve                 then keep running (gateway on http://127.0.0.1:5080/webhooks/stripe)
          --port N                gateway port (default: any free port; 5080 with --serve)
          --data DIR              where the SQLite databases live (default .data in the working directory)
          --webhook-secret S      the signing secret to accept, e.g. the one `stripe listen` prints
          --Section:Key=Value     any service setting, e.g. --P21:SalesOrders:Taker=JSMITH
        """;
}

public sealed class SandboxUsageException : Exception;
