using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary><c>/v1/customers</c>: create, retrieve, update, delete, list (filter <c>email</c>); <c>address</c> and <c>shipping</c> as Stripe nests them.</summary>
sealed class CustomersResource(StripeAccount account) : IStripeResource
{
    static readonly string[] Address = ["line1", "line2", "city", "state", "postal_code", "country"];

    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("customers.create", "/v1/customers", request => StripeAnswers.Object(account, request, account.CreateCustomer(Fields(request.Parameters))));
        routes.Get("customers.list", "/v1/customers", request =>
            StripeAnswers.List(account, request, account.Newest("customer").NotDeleted().FilteredBy(request.Parameters, "email"), "/v1/customers", "customer", "email"));
        routes.Get("customers.retrieve", "/v1/customers/{id}", request =>
        {
            // A deleted customer is still retrievable, as the stub Stripe keeps ({"id", "object", "deleted": true}).
            var customer = account.Find(request.Route()) is { } found && (string?)found["object"] == "customer" ? found : throw StripeErrors.NoSuch("customer", request.Route());
            return StripeAnswers.Object(account, request, customer);
        });
        routes.Post("customers.update", "/v1/customers/{id}", request => StripeAnswers.Object(account, request, account.UpdateCustomer(request.Route(), Fields(request.Parameters))));
        routes.Delete("customers.delete", "/v1/customers/{id}", request => StripeResponse.Ok(account.DeleteCustomer(request.Route())));
    }

    static CustomerFields Fields(StripeParameters p)
    {
        p.Allow("email", "name", "description", "phone", "address", "shipping", "metadata", "expand");
        string? Sent(string name) => p.Has(name) ? p.String(name) ?? "" : null;
        return new CustomerFields
        {
            Email = Sent("email"), Name = Sent("name"), Description = Sent("description"), Phone = Sent("phone"),
            Address = p.Nested("address", Address), Metadata = MetadataUpdate.From(p), Shipping = Shipping(p),
        };
    }

    static CustomerShipping? Shipping(StripeParameters p)
    {
        if (!p.Has("shipping")) return null;
        foreach (var (key, _) in p.Pairs.Where(pair => pair.Key.StartsWith("shipping[", StringComparison.Ordinal)))
            if (key is not ("shipping[name]" or "shipping[phone]") && !key.StartsWith("shipping[address][", StringComparison.Ordinal))
                throw StripeErrors.UnknownParameter(key);
        return new CustomerShipping(p.String("shipping[name]") ?? throw StripeErrors.Missing("shipping[name]"), p.String("shipping[phone]"),
            p.Nested("shipping[address]", Address));
    }
}
