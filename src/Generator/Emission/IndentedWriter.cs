using System.Text;

namespace SymGrad.Generator.Emission;

/// <summary>A small text writer that tracks indentation (four spaces) and writes '\n' line endings.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder builder = new();
    private int depth;
    private bool lastLineBlank = true;

    public void Line(string text) => Line(text, 0, text.Length);

    /// <summary>Writes <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/> as one line.</summary>
    private void Line(string text, int start, int length)
    {
        builder.Append(' ', depth * 4).Append(text, start, length).Append('\n');
        lastLineBlank = false;
    }

    /// <summary>Writes an empty line, never two in a row and never right after an opening brace.</summary>
    public void BlankLine()
    {
        if (!lastLineBlank)
        {
            builder.Append('\n');
            lastLineBlank = true;
        }
    }

    public void Open()
    {
        Line("{");
        depth++;
        lastLineBlank = true;
    }

    public void Close()
    {
        depth--;
        Line("}");
    }

    /// <summary>The local functions of the method being written (<see cref="GradientEmitter"/>'s gradients and pullbacks); null elsewhere: blocks are written in place.</summary>
    public LocalFunctions? Functions { get; set; }

    /// <summary>How many characters are written.</summary>
    public int Length => builder.Length;

    /// <summary>The text written from <paramref name="start"/> on.</summary>
    public string TextFrom(int start) => builder.ToString(start, builder.Length - start);

    /// <summary>Writes <paramref name="text"/> as it is (a block's writer starts with its method's text, <see cref="LocalFunctions"/>).</summary>
    public void Raw(string text)
    {
        builder.Append(text);
        lastLineBlank = true;
    }

    /// <summary>Writes another writer's text at this one's indentation, its blank lines as <see cref="BlankLine"/>.</summary>
    public void Lines(string text)
    {
        int end = text.Length;
        while (end > 0 && text[end - 1] == '\n')
        {
            end--;
        }

        // Line by line without splitting: a block's text is copied once, into this writer.
        for (int start = 0; start <= end;)
        {
            int newline = text.IndexOf('\n', start, end - start);
            int stop = newline < 0 ? end : newline;
            if (stop == start)
            {
                BlankLine();
            }
            else
            {
                Line(text, start, stop - start);
            }

            start = stop + 1;
        }
    }

    /// <summary>
    /// Writes what <paramref name="print"/> writes, in a local function of its own named <paramref name="stem"/> and a
    /// number when this writer collects them (<see cref="Functions"/>) and the block can stand alone; else in place.
    /// </summary>
    public void Block(string stem, string purpose, System.Action<IndentedWriter> print, string? why = null)
    {
        if (Functions is null)
        {
            print(this);
        }
        else
        {
            Functions.Write(this, stem, purpose, print, why);
        }
    }

    public override string ToString() => builder.ToString();
}
