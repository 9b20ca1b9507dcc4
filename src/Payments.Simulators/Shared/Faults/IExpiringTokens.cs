namespace Payments.Simulators.Shared.Faults;

/// <summary>A simulator whose API hands out bearer tokens (P21; later Znode): the fault model can expire them all at once.</summary>
public interface IExpiringTokens
{
    /// <summary>Every token issued so far is refused from now on (forced expiry, revocation, middleware restart); returns how many were live.</summary>
    int ExpireAll();

    int Issued { get; }
    int Live { get; }
}
