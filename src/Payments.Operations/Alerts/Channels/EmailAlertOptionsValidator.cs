using Microsoft.Extensions.Options;
using MimeKit;

namespace Payments.Operations.Alerts.Channels;

/// <summary>With a host configured, a sender and at least one recipient, each an address.</summary>
public sealed class EmailAlertOptionsValidator : IValidateOptions<EmailAlertOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailAlertOptions options)
    {
        if (!options.Enabled)
            return ValidateOptionsResult.Success;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out _))
            problems.Add($"{EmailAlertOptions.Section}:From must be an e-mail address when {EmailAlertOptions.Section}:Host is set.");
        if (options.To.Count == 0)
            problems.Add($"{EmailAlertOptions.Section}:To:0 must name a recipient when {EmailAlertOptions.Section}:Host is set.");
        for (var i = 0; i < options.To.Count; i++)
            if (!MailboxAddress.TryParse(options.To[i], out _))
                problems.Add($"{EmailAlertOptions.Section}:To:{i} '{options.To[i]}' is not an e-mail address.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
