using Micro.Routing;

namespace Micro.Hosting;

/// <summary>Prints the route table as <c>flask routes</c> does: endpoint, methods (without HEAD and OPTIONS) and rule.</summary>
internal static class RouteListing
{
    public static void Write(RouteTable table, TextWriter output, string[] options)
    {
        var sort = "endpoint";
        for (var i = 0; i < options.Length - 1; i++)
        {
            if (options[i] is "--sort" or "-s")
            {
                sort = options[i + 1];
            }
        }

        var rows = table.Entries
            .Select(entry => (Endpoint: entry.Endpoint, Methods: string.Join(", ", entry.Rule.Methods.Where(m => m is not "HEAD" and not "OPTIONS").Order(StringComparer.Ordinal)), Rule: entry.Rule.Text))
            .ToList();
        rows = sort switch
        {
            "rule" => rows.OrderBy(row => row.Rule, StringComparer.Ordinal).ToList(),
            "methods" => rows.OrderBy(row => row.Methods, StringComparer.Ordinal).ThenBy(row => row.Rule, StringComparer.Ordinal).ToList(),
            "endpoint" => rows.OrderBy(row => row.Endpoint, StringComparer.Ordinal).ThenBy(row => row.Rule, StringComparer.Ordinal).ToList(),
            _ => throw new ArgumentException($"Unknown sort '{sort}' for 'routes'; use endpoint, methods or rule."),
        };

        if (rows.Count == 0)
        {
            output.WriteLine("No routes were registered.");
            return;
        }

        var headers = (Endpoint: "Endpoint", Methods: "Methods", Rule: "Rule");
        var width1 = Math.Max(headers.Endpoint.Length, rows.Max(row => row.Endpoint.Length));
        var width2 = Math.Max(headers.Methods.Length, rows.Max(row => row.Methods.Length));
        var width3 = Math.Max(headers.Rule.Length, rows.Max(row => row.Rule.Length));
        output.WriteLine($"{headers.Endpoint.PadRight(width1)}  {headers.Methods.PadRight(width2)}  {headers.Rule}".TrimEnd());
        output.WriteLine($"{new string('-', width1)}  {new string('-', width2)}  {new string('-', width3)}");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Endpoint.PadRight(width1)}  {row.Methods.PadRight(width2)}  {row.Rule}".TrimEnd());
        }
    }
}
