using System.IO;
using System.Text;
using Microsoft.CodeAnalysis.Text;

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

    /// <summary>
    /// The text written, read into a <see cref="SourceText"/> without first copying it into one string: a generated file
    /// is often larger than the large-object heap's threshold (85 KB), and each such string took fresh pages from the
    /// system (the final copy and its page faults were 3% of the generator's time on the seed models, 2026-12-06).
    /// Roslyn keeps a text this long in chunks below the threshold.
    /// </summary>
    public SourceText ToSourceText() => SourceText.From(new BuilderReader(builder), builder.Length, Encoding.UTF8);

    /// <summary>Reads a <see cref="StringBuilder"/> front to back, copying straight from its chunks.</summary>
    private sealed class BuilderReader : TextReader
    {
        private readonly StringBuilder text;
        private int position;

        public BuilderReader(StringBuilder text) => this.text = text;

        public override int Peek() => position < text.Length ? text[position] : -1;

        public override int Read() => position < text.Length ? text[position++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            int read = System.Math.Min(count, text.Length - position);
            if (read <= 0)
            {
                return 0;
            }

            text.CopyTo(position, buffer, index, read);
            position += read;
            return read;
        }
    }
}
