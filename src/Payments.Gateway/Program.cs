using Payments.Gateway;
using Payments.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();
builder.AddPaymentsBus(bus => bus.AddGatewayOutbox()); // publishes only, through its outbox: no consumers
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStripeWebhooks();
app.Run();
