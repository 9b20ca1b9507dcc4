using Payments.P21Service;
using Payments.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddP21Service();
builder.AddPaymentsBus(bus => bus.AddP21Consumers());
var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
