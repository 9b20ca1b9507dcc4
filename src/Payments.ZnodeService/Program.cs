using Payments.ServiceDefaults;
using Payments.ZnodeService;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddZnodeService();
builder.AddPaymentsBus(bus => bus.AddZnodeConsumers());
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapZnodeWebhooks();
app.Run();
