using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Cli.Systems;
using Payments.Domain.Mappings;
using Payments.Domain.Risk;
using Payments.Gateway;
using Payments.Gateway.Routing;
using Spectre.Console;

namespace Payments.Cli.Configuration;

/// <summary>
/// <c>payments config validate</c>: every mapping the services read that names something in P21 (<see cref="P21Mappings"/>: GL accounts
/// of journals, disputes, subscriptions and payouts; the items of orders, refunds, subscriptions and Stripe's order lines) checked against
/// the live P21 with <see cref="P21MappingCheck"/> — the same check, and the same lines, as the P21 service's start-up — and the rules
/// that need no outside system: the gateway's routing rules (<see cref="RoutingOptionsValidator"/>, with the gateway's own mappers) and the
/// risk policy's rules (<see cref="RiskRules"/>), with the lines the gateway and the sagas refuse to start with; and, when a Znode is
/// configured, the Znode service's state names against the live Znode's tables with <see cref="ZnodeStateCheck"/>, the lines the Znode
/// service refuses to start with.
/// </summary>
public static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var validate = new Command("validate",
            "Checks every mapping against the live P21: GL accounts in the chart of accounts, today's GL period open, items in the item master; "
            + "the Znode service's order, payment and return state names against the live Znode's state tables (when Znode:BaseUrl is set); "
            + "and the routing rules (Gateway:Routing) and risk rules (PaymentRisk:Rules) as the gateway and the sagas check them. "
            + $"One line per problem; exit {ExitCodes.Done} when there is none, {ExitCodes.Failed} on a problem or when P21 cannot be asked.");
        validate.SetAction((_, cancellationToken) => ValidateAsync(context, cancellationToken));
        return new Command("config", "The services' settings, as they read them. Systems: P21__BaseUrl, P21__Username, P21__Password, P21__CompanyId; Znode__BaseUrl, Znode__DomainName, Znode__ApiKey.") { validate };
    }

    static async Task<int> ValidateAsync(CliContext context, CancellationToken cancellationToken)
    {
        var configuration = context.Configuration;
        // The rules first: they need nothing but the configuration, so they are reported even when P21 cannot be asked.
        var rules = RuleProblems(configuration);
        foreach (var problem in rules)
            context.Out.WriteLine(problem);
        var mapped = P21Mappings.From(configuration.AsEnumerable());
        IReadOnlyList<string> problems;
        try
        {
            var current = P21MappingCheck.CurrentPeriod(DateTimeOffset.UtcNow, configuration["P21:ErpTimeZone"],
                int.TryParse(configuration["P21:Journals:FiscalYearStartMonth"], out var start) ? start : 1);
            problems = await P21MappingCheck.CheckAsync(mapped, P21Reader.FromConfiguration(configuration), current, cancellationToken);
        }
        catch (Exception e) when (e is SystemReadException or P21UnreachableException or TimeZoneNotFoundException)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Failed;
        }
        foreach (var problem in problems)
            context.Out.WriteLine(problem);

        var znode = await ZnodeProblemsAsync(configuration, cancellationToken);
        if (znode.Unreachable is { } unreachable)
        {
            await context.Error.WriteLineAsync($"payments: {unreachable}");
            return ExitCodes.Failed;
        }
        foreach (var problem in znode.Problems)
            context.Out.WriteLine(problem);
        var count = problems.Count + rules.Count + znode.Problems.Count;
        context.Out.WriteLine($"{mapped.Count} mapped value(s) checked against P21 at {configuration["P21:BaseUrl"]}, {znode.Checked}, routing and risk rules checked: "
            + (count == 0 ? "no problem" : $"{count} problem(s)"));
        return count == 0 ? ExitCodes.Done : ExitCodes.Failed;
    }

    /// <summary>The Znode service's state names against the live Znode's tables, when a Znode is configured (an installation may run without one).</summary>
    static async Task<(IReadOnlyList<string> Problems, string Checked, string? Unreachable)> ZnodeProblemsAsync(IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(configuration["Znode:BaseUrl"]))
            return ([], "no Znode configured (Znode:BaseUrl): its state names not checked", null);
        var mapped = ZnodeStateMappings.From(configuration.AsEnumerable());
        try
        {
            var tables = await ZnodeReader.FromConfiguration(configuration).ReadStatesAsync(cancellationToken);
            return (ZnodeStateCheck.Check(mapped, tables), $"{mapped.Count} Znode state name(s) checked against Znode at {configuration["Znode:BaseUrl"]}", null);
        }
        catch (Exception e) when (e is SystemReadException or ZnodeUnreachableException)
        {
            return ([], "", e.Message);
        }
    }

    /// <summary>The routing rules through the gateway's own validator (which knows the flows its mappers serve), the risk rules through the policy's.</summary>
    static List<string> RuleProblems(IConfiguration configuration)
    {
        var problems = new List<string>();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.AddGatewayMappers();
        using (var gateway = builder.Build())
        {
            try
            {
                _ = gateway.Services.GetRequiredService<IOptions<RoutingOptions>>().Value;
            }
            catch (OptionsValidationException e)
            {
                problems.AddRange(e.Failures);
            }
        }
        var risk = configuration.GetSection("PaymentRisk:Rules").Get<List<RiskRuleSettings>>();
        RiskRules.From(risk, "PaymentRisk:Rules", out var riskProblems);
        problems.AddRange(riskProblems);
        return problems;
    }
}
