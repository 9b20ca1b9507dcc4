namespace Payments.P21Service.Client;

/// <summary>
/// What the P21 service learned on first use about assumptions the duplicate protection rests on and no public source confirms
/// (docs/external-apis/p21.md#assumptions-not-confirmed): does P21 keep the charge id on the order, and the e-mail on a created customer?
/// Once either is known to fail, posting stops with the setting to change (a restart forgets it), and <c>/health</c> says so.
/// </summary>
public sealed class P21SelfChecks
{
    volatile string? _referenceProblem;
    volatile string? _emailProblem;

    /// <summary>Why orders may not be posted now: P21 did not keep the charge id on an order we created. Null while no problem is known.</summary>
    public string? ReferenceProblem => _referenceProblem;

    /// <summary>Why customers may not be created now: P21 could not find a customer we created by its e-mail. Null while no problem is known.</summary>
    public string? EmailProblem => _emailProblem;

    public bool EmailVerified { get; private set; }

    public void ReferenceNotKept(string problem) => _referenceProblem = problem;

    public void EmailNotKept(string problem) => _emailProblem = problem;

    public void EmailKept() => EmailVerified = true;
}
