namespace Payments.Simulators.Znode.Store;

/// <summary>
/// The shoppers' accounts and their address books. Every write moves the user's <c>ModifiedDate</c> (an address write too: the
/// list Znode's account poller reads would otherwise not show an address change; docs/external-apis/znode.md#accounts).
/// </summary>
public sealed partial class ZnodeStore
{
    readonly List<ZnodeUser> _users = [];
    int _nextUserId;
    int _nextAddressId = 7001;

    public IReadOnlyList<ZnodeUser> Users { get { lock (_gate) return _users.ToArray(); } }

    public ZnodeUser? FindUser(int userId) { lock (_gate) return _users.FirstOrDefault(u => u.UserId == userId); }

    /// <summary>Creates a user (as the storefront's registration does); its billing address, if any, is the default billing and shipping one.</summary>
    public ZnodeUser CreateUser(ZnodeUserSpec spec)
    {
        lock (_gate)
        {
            var now = NextModified();
            var addresses = spec.BillingAddress is { } address
                ? new[] { address with { AddressId = _nextAddressId++, IsDefaultBilling = true, IsDefaultShipping = true } }
                : [];
            var user = new ZnodeUser
            {
                UserId = _nextUserId++, PortalId = _portalId, UserName = spec.Email, Email = spec.Email, FirstName = spec.FirstName,
                LastName = spec.LastName, PhoneNumber = spec.PhoneNumber, CompanyName = spec.CompanyName, CreatedDate = now, ModifiedDate = now,
                Addresses = addresses,
            };
            _users.Add(user);
            return user;
        }
    }

    /// <summary>Replaces the user's own fields with <paramref name="change"/>'s (as <c>UpdateCustomer</c> maps the whole model); null when there is no such user.</summary>
    public ZnodeUser? UpdateUser(int userId, Func<ZnodeUser, ZnodeUser> change)
    {
        lock (_gate)
        {
            var index = _users.FindIndex(u => u.UserId == userId);
            if (index < 0) return null;
            var old = _users[index];
            var changed = change(old) with { UserId = old.UserId, CreatedDate = old.CreatedDate, Addresses = old.Addresses, ModifiedDate = NextModified() };
            // Znode keeps the sign-in name in step with the e-mail (docs/external-apis/znode.md#accounts).
            if (!string.Equals(old.Email, changed.Email, StringComparison.OrdinalIgnoreCase)) changed = changed with { UserName = changed.Email };
            _users[index] = changed;
            return changed;
        }
    }

    /// <summary>
    /// Creates (<c>AddressId</c> 0) or replaces an address of the user; a new default billing address takes the flag from the old
    /// one. Null when the user, or the address of that user, does not exist.
    /// </summary>
    public ZnodeUserAddress? SaveAddress(int userId, ZnodeUserAddress address)
    {
        lock (_gate)
        {
            var index = _users.FindIndex(u => u.UserId == userId);
            if (index < 0) return null;
            var user = _users[index];
            var addresses = user.Addresses.ToList();
            ZnodeUserAddress saved;
            if (address.AddressId == 0)
            {
                saved = address with { AddressId = _nextAddressId++ };
                addresses.Add(saved);
            }
            else
            {
                var at = addresses.FindIndex(a => a.AddressId == address.AddressId);
                if (at < 0) return null;
                saved = address;
                addresses[at] = saved;
            }
            if (saved.IsDefaultBilling)
                addresses = [.. addresses.Select(a => a.AddressId != saved.AddressId && a.IsDefaultBilling ? a with { IsDefaultBilling = false } : a)];
            _users[index] = user with { Addresses = addresses, ModifiedDate = NextModified() };
            return saved;
        }
    }
}
