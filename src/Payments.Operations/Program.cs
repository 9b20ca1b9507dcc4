using Payments.Operations;
using Payments.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOperations();
builder.AddPaymentsBus(bus => bus.AddOperationsConsumers());

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOperations();
app.Run();
