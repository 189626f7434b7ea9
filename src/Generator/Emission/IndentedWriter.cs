using System.Text;

namespace SymGrad.Generator.Emission;

/// <summary>A small text writer that tracks indentation (four spaces) and writes '\n' line endings.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder builder = new();
    private int depth;
    private bool lastLineBlank = true;

    public void Line(string text)
    {
        builder.Append(' ', depth * 4).Append(text).Append('\n');
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

    public override string ToString() => builder.ToString();
}
