using Dapper;
using Microsoft.Data.Sqlite;

namespace Blog;

/// <summary>Flask's db.py: the SQLite file, a connection per use, and <c>init-db</c>.</summary>
public sealed class Database
{
    static Database()
    {
        // Columns are snake_case as in the tutorial's schema.sql: author_id fills AuthorId.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>Uses the SQLite file at <paramref name="path"/>.</summary>
    public Database(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Reads the path from the <c>Database</c> setting, relative to the content root.</summary>
    public static Database FromConfiguration(IConfiguration configuration, string contentRoot) =>
        new(System.IO.Path.Combine(contentRoot, configuration["Database"] ?? System.IO.Path.Combine("instance", "blog.sqlite")));

    /// <summary>Opens a connection; dispose it when the request is done with it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Drops and creates the tables from schema.sql.</summary>
    public void Init()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var schema = new StreamReader(typeof(Database).Assembly.GetManifestResourceStream("schema.sql")!);
        using var db = Open();
        db.Execute(schema.ReadToEnd());
    }
}
