namespace Payments.Operations.Alerts.Channels;

/// <summary>A way an alert reaches people: e-mail, a chat tool's webhook.</summary>
public interface IAlertChannel
{
    /// <summary><c>email</c>, <c>webhook</c>: in logs and metrics.</summary>
    string Name { get; }

    /// <summary>Whether it is configured; an unconfigured channel is skipped.</summary>
    bool Enabled { get; }

    /// <param name="alert">What to say.</param>
    /// <param name="heldBack">Alerts this channel's rate limit held back since the last one it sent, to be mentioned.</param>
    Task SendAsync(Alert alert, int heldBack, CancellationToken cancellationToken);
}
