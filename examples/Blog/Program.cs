using Blog;
using Micro;
using Micro.Redis;

var app = MicroApp.Create(args);

// Several instances (docs/deploying.md): --Redis=host:port, MICRO_Redis or appsettings keeps the key ring and
// server-side sessions in Redis; without it, one machine's defaults.
if (app.Configuration["Redis"] is { Length: > 0 } redis)
{
    app.AddRedis(redis);
}

// Flask's app.config["DATABASE"]: --Database=path, MICRO_DATABASE=path or appsettings.json; instance/blog.sqlite by default.
var database = Database.FromConfiguration(app.Configuration, app.Environment.ContentRootPath);
app.Services.AddSingleton(database);

// `dotnet run -- init-db`, like `flask --app flaskr init-db`: (re)creates the tables.
app.Command("init-db", (Database db, TextWriter output) =>
{
    db.Init();
    output.WriteLine($"Initialized the database: {db.Path}");
}, help: "Clear the existing data and create new tables.");

Auth.Register(app);
Posts.Register(app);

app.Run();
