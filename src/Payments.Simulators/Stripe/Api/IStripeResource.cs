namespace Payments.Simulators.Stripe.Api;

/// <summary>One resource of the Stripe API fake (<c>/v1/charges</c>, <c>/v1/refunds</c>, …): registers its handlers by route.</summary>
public interface IStripeResource
{
    void Map(StripeRouteBuilder routes);
}
