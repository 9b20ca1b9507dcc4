using Payments.Sagas;
using Payments.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSagasService();
builder.AddPaymentsBus(bus => bus.AddSagas());

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
