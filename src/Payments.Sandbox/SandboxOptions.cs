namespace Payments.Sandbox;

/// <summary>How the all-in-one sandbox runs (from its command line, <see cref="SandboxCommand"/>, or from a test).</summary>
public sealed record SandboxOptions
{
    /// <summary>The fixed addresses of <c>--serve</c>, so a user can post events and drive the simulators.</summary>
    public const int ServeGatewayPort = 5080, ServeP21Port = 5921, ServeStripePort = 12111, ServeZnodePort = 5930, ServeSmtpPort = 2525;

    /// <summary>Keep running after the scenarios, so a user can post their own events.</summary>
    public bool Serve { get; init; }

    /// <summary>Gateway port on 127.0.0.1; 0 picks a free one (the one-shot run and the tests).</summary>
    public int GatewayPort { get; init; }

    /// <summary>P21 simulator and Stripe fake ports on 127.0.0.1; 0 picks free ones.</summary>
    public int P21Port { get; init; }
    public int StripePort { get; init; }

    /// <summary>Znode simulator and SMTP catcher (the shoppers' mailbox) ports on 127.0.0.1; 0 picks free ones.</summary>
    public int ZnodePort { get; init; }
    public int SmtpPort { get; init; }

    /// <summary>Where the SQLite databases live.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, ".data");

    /// <summary>The webhook signing secret the gateway accepts; e.g. the one <c>stripe listen</c> prints.</summary>
    public string WebhookSecret { get; init; } = "whsec_sandbox_" + Guid.NewGuid().ToString("N");

    /// <summary>The operations console's local admin (user <see cref="ConsoleUser"/>): a fresh password each run unless given.</summary>
    public const string ConsoleUser = "admin";
    public string ConsolePassword { get; init; } = "sandbox-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>How long one scenario may take before it counts as not completed.</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra configuration (<c>--Key=Value</c> or <c>--Key Value</c>) passed through to the services.</summary>
    public IReadOnlyList<string> ConfigurationArgs { get; init; } = [];

    /// <summary>The options of <c>--serve</c>: the fixed ports unless others were given.</summary>
    public SandboxOptions Serving() => this with
    {
        Serve = true,
        GatewayPort = GatewayPort == 0 ? ServeGatewayPort : GatewayPort,
        P21Port = P21Port == 0 ? ServeP21Port : P21Port,
        StripePort = StripePort == 0 ? ServeStripePort : StripePort,
        ZnodePort = ZnodePort == 0 ? ServeZnodePort : ZnodePort,
        SmtpPort = SmtpPort == 0 ? ServeSmtpPort : SmtpPort,
    };
}
