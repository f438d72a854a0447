using Micro;

var app = MicroApp.Create(args);

app.Get("/", () => app.Render("index.html", new { name = "World" }), endpoint: "index");
app.Get("/hello/<name>", (string name) => app.Render("index.html", new { name }), endpoint: "hello");

app.Run();
