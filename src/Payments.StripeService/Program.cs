using Payments.ServiceDefaults;
using Payments.StripeService;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStripeService();
builder.AddPaymentsBus(bus => bus.AddStripeConsumers());
var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
