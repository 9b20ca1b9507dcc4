using Microsoft.Extensions.Options;
using MimeKit;

namespace Payments.ZnodeService.ShopperMail;

/// <summary>The <see cref="ShopperMailOptions"/> rules across properties, one line per problem naming its key.</summary>
public sealed class ShopperMailOptionsValidator : IValidateOptions<ShopperMailOptions>
{
    const string Section = ShopperMailOptions.Section;

    public ValidateOptionsResult Validate(string? name, ShopperMailOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out _))
            errors.Add($"{Section}:From must be the sender's e-mail address when {Section}:Host is set (got '{options.From}').");
        if (string.IsNullOrWhiteSpace(options.Username) != string.IsNullOrWhiteSpace(options.Password))
            errors.Add($"{Section}:Username and {Section}:Password go together (both or neither).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
