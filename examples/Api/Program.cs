using Micro;
using Scalar.AspNetCore;
using static Micro.Responses;

var app = MicroApp.Create(args);
app.Services.AddOpenApi();
app.Services.AddHealthChecks();
app.Services.AddSingleton<Library>();

app.Get("/books", (Library library) => library.All(), endpoint: "books")
    .WithSummary("Every book").WithTags("books");
app.Get("/books/<int(min=1):id>", (int id, Library library) => library.Find(id) is { } book ? Json(book) : Abort(404), endpoint: "book")
    .WithSummary("One book").WithTags("books").Produces<Book>().Produces(404);
app.Get("/books/sorted/<any(title, year):field>", (string field, Library library) => library.SortedBy(field), endpoint: "sorted_books")
    .WithTags("books");

// A JSON API called by programs, not a browser with a session cookie: no CSRF token to send.
app.Post("/books", (Book book, Library library) => Json(library.Add(book), 201), endpoint: "add_book")
    .WithTags("books").Produces<Book>(201).DisableCsrf();

var web = app.Build();
web.MapOpenApi();                 // the document: /openapi/v1.json
web.MapScalarApiReference();      // the interactive reference: /scalar
web.MapHealthChecks("/healthz");
app.Run();

public sealed record Book(int Id, string Title, int Year);

public sealed class Library
{
    private readonly List<Book> _books = [new(1, "Dune", 1965), new(2, "Neuromancer", 1984)];

    public IReadOnlyList<Book> All()
    {
        lock (_books)
        {
            return _books.ToArray();
        }
    }

    public Book? Find(int id) => All().FirstOrDefault(book => book.Id == id);

    public IReadOnlyList<Book> SortedBy(string field) =>
        field == "year" ? [.. All().OrderBy(book => book.Year)] : [.. All().OrderBy(book => book.Title, StringComparer.Ordinal)];

    public Book Add(Book book)
    {
        lock (_books)
        {
            var added = book with { Id = _books.Count + 1 };
            _books.Add(added);
            return added;
        }
    }
}
