using Payments.Gateway;
using Payments.Gateway.Data;
using Payments.P21Service;
using Payments.P21Service.Data;
using Payments.Sagas;
using Payments.Sagas.Data;
using Payments.StripeService;
using Payments.StripeService.Data;
using Payments.ZnodeService;
using Payments.ZnodeService.Data;

namespace Payments.Sandbox.Services;

/// <summary>
/// The one table of services. The sandbox wires every row into one process; its database names come from here; the flow
/// tests start each row's project as a process of its own with a database per row. A new service is a new row (and a
/// compose entry: deploy/README.md).
/// </summary>
public static class PaymentsServices
{
    public static readonly IReadOnlyList<PaymentsService> All =
    [
        new("Payments.Gateway", GatewayDatabase.ConnectionStringName,
            builder => builder.AddGateway(), bus => bus.AddGatewayOutbox(), app => app.MapStripeWebhooks()),
        new("Payments.Sagas", SagaDbContext.ConnectionStringName,
            builder => builder.AddSagasService(), bus => bus.AddSagas()),
        new("Payments.P21Service", P21ServiceDbContext.ConnectionStringName,
            builder => builder.AddP21Service(), bus => bus.AddP21Consumers()),
        new("Payments.StripeService", StripeServiceDbContext.ConnectionStringName,
            builder => builder.AddStripeService(), bus => bus.AddStripeConsumers()),
        new("Payments.ZnodeService", ZnodeServiceDbContext.ConnectionStringName,
            builder => builder.AddZnodeService(), bus => bus.AddZnodeConsumers(), app => app.MapZnodeWebhooks()),
    ];
}
