using Blog;
using Micro;

var app = MicroApp.Create(args);

// Flask's app.config["DATABASE"]: --Database=path, MICRO_DATABASE=path or appsettings.json; instance/blog.sqlite by default.
var database = Database.FromConfiguration(app.Configuration, app.Environment.ContentRootPath);
app.Services.AddSingleton(database);

// `dotnet run -- init-db`, like `flask --app flaskr init-db`: (re)creates the tables.
if (args is ["init-db", ..])
{
    database.Init();
    Console.WriteLine($"Initialized the database: {database.Path}");
    return;
}

Auth.Register(app);
Posts.Register(app);

app.Run();
