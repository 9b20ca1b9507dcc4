using Microsoft.Extensions.Options;
using Payments.Contracts.CustomerSync;
using Payments.Domain.Customers;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>
/// Znode accounts for customer-sync (docs/external-apis/znode.md#accounts): read one with its default billing address, find them by
/// e-mail, and write given fields. A write sends the whole user model back (<c>customeraccount/update</c> clears what it is not
/// given) and the whole default billing address (created when the user has none), and only when a value differs, so an account
/// already in step is not touched (its modified date does not move).
/// </summary>
public sealed class ZnodeAccounts(ZnodeClient client, IOptions<ZnodeAccountOptions> options)
{
    ZnodeAccountOptions Settings => options.Value;

    /// <summary>The account and its default billing address; null when the store has no such user.</summary>
    public async Task<ZnodeAccount?> ReadAsync(int userId, CancellationToken cancellationToken)
    {
        if (await client.GetUserAsync(userId, Settings.PortalId, cancellationToken) is not { } user) return null;
        var addresses = await client.ListAddressesAsync(userId, cancellationToken);
        return new ZnodeAccount(user, addresses.FirstOrDefault(a => a.IsDefaultBilling));
    }

    /// <summary>The users whose e-mail is <paramref name="email"/> (without case), in the configured store.</summary>
    public async Task<IReadOnlyList<ZnodeUserModel>> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        // A comma in the value is sent as '^' (docs/external-apis/znode.md#list-queries); e-mail addresses hold none in practice.
        var filter = $"Email~eq~{email.Trim().Replace(',', '^')}";
        var users = await client.ListUsersAsync(Settings.ListAsUserId, filter, "UserId~asc", 1, 10, cancellationToken);
        return [.. users.Where(u => string.Equals(u.Email?.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Writes <paramref name="fields"/> (only fields Znode keeps); returns whether anything in Znode changed.</summary>
    public async Task<bool> WriteAsync(ZnodeAccount account, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        var current = account.Fields();
        var changed = fields.Where(f => current.TryGetValue(f.Key, out var now) && !string.Equals(now, ZnodeAccount.Clean(f.Value), StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => ZnodeAccount.Clean(f.Value));
        if (changed.Count == 0) return false;

        if (changed.Keys.Any(f => !ZnodeAccount.IsAddressField(f)))
        {
            var user = account.User;
            var (first, last) = changed.TryGetValue(CustomerFieldNames.Name, out var name) ? ZnodeAccount.SplitName(name) : (user.FirstName, user.LastName);
            await client.UpdateUserAsync(new ZnodeUserModel
            {
                UserId = user.UserId, AspNetUserId = user.AspNetUserId, UserName = user.UserName, PortalId = user.PortalId ?? Settings.PortalId,
                AccountId = user.AccountId, CompanyName = user.CompanyName, ExternalId = user.ExternalId,
                FirstName = first, LastName = last,
                Email = changed.TryGetValue(CustomerFieldNames.Email, out var email) ? email : user.Email,
                PhoneNumber = changed.TryGetValue(CustomerFieldNames.Phone, out var phone) ? phone : user.PhoneNumber,
            }, cancellationToken);
        }

        if (changed.Keys.Any(ZnodeAccount.IsAddressField))
        {
            var address = account.BillingAddress ?? new ZnodeUserAddressModel
            {
                UserId = account.User.UserId, FirstName = account.User.FirstName, LastName = account.User.LastName,
                CompanyName = account.User.CompanyName, EmailAddress = account.User.Email, PhoneNumber = account.User.PhoneNumber,
                IsDefaultBilling = true, IsBilling = true,
            };
            address.UserId = account.User.UserId;
            foreach (var (field, value) in changed)
            {
                switch (field)
                {
                    case CustomerFieldNames.AddressLine1: address.Address1 = value; break;
                    // Stripe's line2 holds Znode's second and third lines folded together (ZnodeAccount.Fields): written back whole.
                    case CustomerFieldNames.AddressLine2: address.Address2 = value; address.Address3 = null; break;
                    case CustomerFieldNames.City: address.CityName = value; break;
                    case CustomerFieldNames.Region: address.StateName = value; break;
                    case CustomerFieldNames.PostalCode: address.PostalCode = value; break;
                    case CustomerFieldNames.Country: address.CountryName = CountryName(value); break;
                }
            }
            address.DisplayName ??= address.Address1;
            await client.SaveAddressAsync(address, cancellationToken);
        }
        return true;
    }

    /// <summary>The record's alpha-2 country in the store's style (<c>Znode:Accounts:CountryStyle</c>); what is not a known code is written as given.</summary>
    string? CountryName(string? alpha2) => StripeAddressFolding.ToZnode(new global::Payments.Domain.Znode.StripeAddress { Country = alpha2 }, Settings.CountryStyle).CountryName;
}
