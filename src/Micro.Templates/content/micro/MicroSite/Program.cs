using Micro;

var app = MicroApp.Create(args);
app.Services.AddHealthChecks();

app.Get("/", () => app.Render("index.html", new { name = "World" }), endpoint: "index");
app.Get("/hello/<name>", (string name) => app.Render("index.html", new { name }), endpoint: "hello");

// ASP.NET Core's own endpoints sit beside Micro's rules: a health check for the load balancer.
var web = app.Build();
web.MapHealthChecks("/healthz");

app.Run();
