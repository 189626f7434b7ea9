using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SymGrad.Samples.Infrastructure;

/// <summary>A plain, aligned text table: readable in a terminal, a log file and a test's captured output alike.</summary>
internal sealed class TextTable
{
    private readonly string[] headers;
    private readonly List<string[]> rows = new();

    public TextTable(params string[] headers)
    {
        this.headers = headers;
    }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row needs {headers.Length} cells, not {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = new int[headers.Length];
        for (int c = 0; c < headers.Length; c++)
        {
            widths[c] = headers[c].Length;
            foreach (string[] row in rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        writer.WriteLine(Line(headers, widths));
        var rule = new StringBuilder();
        for (int c = 0; c < widths.Length; c++)
        {
            rule.Append(c == 0 ? string.Empty : "  ").Append('-', widths[c]);
        }

        writer.WriteLine(rule.ToString());
        foreach (string[] row in rows)
        {
            writer.WriteLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Length; c++)
        {
            line.Append(c == 0 ? string.Empty : "  ").Append(cells[c].PadRight(widths[c]));
        }

        return line.ToString().TrimEnd();
    }
}
