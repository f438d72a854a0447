using Micro;
using static Micro.Responses;

var app = MicroApp.Create(args);

app.Get("/", () => "<h1>Hello, World!</h1>", endpoint: "index");
app.Get("/hello/<name>", (string name) => $"Hello, {System.Net.WebUtility.HtmlEncode(name)}!", endpoint: "hello");
app.Get("/users/<int:id>", (int id) => id == 0 ? Abort(404, "There is no user 0.") : Json(new { id, profile = app.UrlFor("user", new { id }) }), endpoint: "user");

app.Run();
