using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary><c>/v1/products</c> and <c>/v1/prices</c> (one-time and recurring prices): create, retrieve, list (prices by <c>product</c>).</summary>
sealed class ProductsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("products.create", "/v1/products", request =>
        {
            var p = request.Parameters;
            p.Allow("name", "description", "metadata", "expand");
            return StripeAnswers.Object(account, request, account.CreateProduct(new ProductFields
            {
                Name = p.RequiredString("name"), Description = p.String("description"), Metadata = MetadataUpdate.From(p),
            }));
        });
        routes.Get("products.list", "/v1/products", request =>
            StripeAnswers.List(account, request, account.Newest("product"), "/v1/products", "product"));
        routes.Get("products.retrieve", "/v1/products/{id}", request => StripeAnswers.Object(account, request, account.Require("product", request.Route(), "product")));

        routes.Post("prices.create", "/v1/prices", request =>
        {
            var p = request.Parameters;
            p.Allow("product", "unit_amount", "currency", "lookup_key", "nickname", "metadata", "recurring", "expand");
            return StripeAnswers.Object(account, request, account.CreatePrice(new PriceFields
            {
                Product = p.RequiredString("product"),
                UnitAmount = p.Long("unit_amount", 0, 99_999_999) ?? throw StripeErrors.Missing("unit_amount"),
                Currency = p.Currency() ?? throw StripeErrors.Missing("currency"),
                LookupKey = p.String("lookup_key"), Nickname = p.String("nickname"), Metadata = MetadataUpdate.From(p), Recurring = Recurring(p),
            }));
        });
        routes.Get("prices.list", "/v1/prices", request =>
            StripeAnswers.List(account, request, account.Newest("price").FilteredBy(request.Parameters, "product"), "/v1/prices", "price", "product"));
        routes.Get("prices.retrieve", "/v1/prices/{id}", request => StripeAnswers.Object(account, request, account.Require("price", request.Route(), "price")));
    }

    static PriceRecurrence? Recurring(StripeParameters p)
    {
        if (p.Nested("recurring", "interval", "interval_count") is not { } recurring) return null;
        var interval = recurring.GetValueOrDefault("interval") ?? throw StripeErrors.Missing("recurring[interval]");
        var count = p.Long("recurring[interval_count]", 1, 365) ?? 1;
        return new PriceRecurrence(interval, (int)count);
    }
}
