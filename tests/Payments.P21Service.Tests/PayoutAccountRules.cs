using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests;

/// <summary>The <c>P21:Payouts:Accounts</c> rules the tests run with: the simulator's (<see cref="P21Seed.PayoutAccountRules"/>), as the sandbox's.</summary>
static class PayoutAccountRules
{
    /// <summary>Adds the rules as configuration keys (<c>P21:Payouts:Accounts:0:Category</c>, …) and returns <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> AddTo(Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in P21Seed.PayoutAccountSettings()) settings[key] = value;
        return settings;
    }

    /// <summary>The index of the rule for <paramref name="category"/> (and <paramref name="type"/>), to remove or change it.</summary>
    public static int IndexOf(string category, string? type = null) =>
        P21Seed.PayoutAccountRules.Select((rule, i) => (rule, i)).First(r => r.rule.Category == category && r.rule.Type == type).i;
}
