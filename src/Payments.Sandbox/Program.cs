using Payments.Sandbox;

SandboxOptions options;
try { options = SandboxOptions.Parse(args); }
catch (SandboxUsageException) { Console.WriteLine(SandboxOptions.Usage); return 0; }

await using var sandbox = await SandboxHost.StartAsync(options);
var report = await new ChargeFlow(sandbox).RunAsync(options.FlowTimeout);
Console.WriteLine(report.Describe());

if (options.Serve)
{
    Console.WriteLine($"Serving. Post Stripe events to {sandbox.WebhookUrl} signed with {options.WebhookSecret}. Ctrl+C stops.");
    await sandbox.WaitForShutdownAsync();
}
return report.Succeeded ? 0 : 1;
