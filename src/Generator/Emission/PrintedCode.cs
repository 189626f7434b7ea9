using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Reads generated C# text as <see cref="IndentedWriter"/> prints it (one statement a line, braces of blocks on lines of
/// their own), without Roslyn's parser: parsing each row-lane block and its method took the generator half its time
/// again (1.2 ms for a 6 KB block). Two readings: the names a block uses, with how (<see cref="Names"/>), and a line's
/// local declaration (<see cref="TryReadDeclaration"/>). Both may miss what they do not understand; their callers
/// then keep the block where it is (<see cref="FreeVariables"/>).
/// </summary>
internal static class PrintedCode
{
    /// <summary>How a block uses a name: assigned (or passed by ref or out, or incremented), or the receiver of a member (<c>tape.Push(v)</c>).</summary>
    public sealed class Use
    {
        public bool Assigned { get; set; }

        public bool Receiver { get; set; }
    }

    /// <summary>
    /// The names the text uses outside member accesses (<c>x.Name</c>, <c>global::Name</c>), comments and literals, in
    /// order of first use; null when it holds what this reading does not follow (an interpolated or raw string, a
    /// deconstruction).
    /// </summary>
    public static List<(string Name, Use Use)>? Names(string text) => Names(text, new HashSet<string>());

    /// <inheritdoc cref="Names(string)"/>
    /// <param name="text">The code.</param>
    /// <param name="keywords">Receives the reserved words the code uses (outside comments and literals).</param>
    public static List<(string Name, Use Use)>? Names(string text, HashSet<string> keywords)
    {
        var uses = new Dictionary<string, Use>();
        var order = new List<(string, Use)>();

        // The last two characters of code read (not comments, literals or white space), and the last word if it came last.
        char last = '\0', beforeLast = '\0';
        string lastWord = string.Empty;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '/' && At(text, i + 1) == '/')
            {
                i = LineEnd(text, i);
                continue;
            }

            if (c == '/' && At(text, i + 1) == '*')
            {
                int end = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
                continue;
            }

            string word = string.Empty;
            if (c == '$' || (c == '"' && At(text, i + 1) == '"' && At(text, i + 2) == '"'))
            {
                return null;
            }
            else if (c == '"' || c == '\'')
            {
                i = LiteralEnd(text, i, c);
                c = '"';
            }
            else if (c == '@' && At(text, i + 1) == '"')
            {
                i = LiteralEnd(text, i + 1, '"');
                c = '"';
            }
            else if (char.IsDigit(c))
            {
                // A number's digits, letters and point, not a range's two dots (1..n).
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || (text[i] == '.' && At(text, i + 1) != '.')))
                {
                    i++;
                }

                c = '0';
            }
            else if (IsNameStart(c))
            {
                int start = i;
                i++;
                while (i < text.Length && IsNamePart(text[i]))
                {
                    i++;
                }

                word = text.Substring(start, i - start);
                bool member = (last == '.' && beforeLast != '.') || (last == ':' && beforeLast == ':');
                bool qualifier = Next(text, i) == ':' && At(text, Skip(text, i) + 1) == ':';
                if (IsKeyword(word))
                {
                    keywords.Add(word);
                }
                else if (!member && !qualifier)
                {
                    if (!uses.TryGetValue(word, out Use? use))
                    {
                        use = new Use();
                        uses.Add(word, use);
                        order.Add((word, use));
                    }

                    bool prefixed = last == beforeLast && last is '+' or '-';
                    use.Assigned |= Assigns(text, i) || prefixed || (lastWord is "ref" or "out");
                    use.Receiver |= Next(text, i) is '.' or '!';
                }

                c = 'a';
            }
            else if (c == '=' && last == ')' && At(text, i + 1) is not '=' and not '>')
            {
                // A deconstruction, (a, b) = ...: its names are assigned where this reading does not look.
                return null;
            }
            else
            {
                i++;
            }

            beforeLast = last;
            last = c;
            lastWord = word;
        }

        return order;
    }

    /// <summary>
    /// Reads <c>Type name = ...;</c>, <c>Type name;</c> or a for header's <c>for (Type name = ...</c> (the line trimmed);
    /// false for anything else, a statement keyword in the type's place, or a type with parentheses (a tuple).
    /// </summary>
    public static bool TryReadDeclaration(string line, out string type, out string name, out bool initialized)
    {
        type = name = string.Empty;
        initialized = false;
        int i = line.StartsWith("for (", System.StringComparison.Ordinal) ? 5 : 0;
        if (line.Length <= i || !IsNameStart(line[i]))
        {
            return false;
        }

        int typeStart = i;
        int depth = 0;
        for (; i < line.Length; i++)
        {
            char c = line[i];
            if (c is '<' or '[')
            {
                depth++;
            }
            else if (c is '>' or ']')
            {
                depth--;
            }
            else if (c is '(' or ')' or '=' or ';' or ',' && depth == 0)
            {
                return false;
            }
            else if (c == ' ' && depth == 0)
            {
                break;
            }
        }

        type = line.Substring(typeStart, i - typeStart);
        if (depth != 0 || i >= line.Length || IsNotType(type))
        {
            return false;
        }

        i++;
        if (i >= line.Length || !IsNameStart(line[i]))
        {
            return false;
        }

        int nameStart = i;
        while (i < line.Length && IsNamePart(line[i]))
        {
            i++;
        }

        name = line.Substring(nameStart, i - nameStart);
        int after = Skip(line, i);
        char next = At(line, after);
        initialized = next == '=' && At(line, after + 1) != '=';
        return initialized || next == ';';
    }

    /// <summary>Whether what follows a name at <paramref name="end"/> assigns it: <c>=</c> (not <c>==</c> or <c>=&gt;</c>), a compound assignment, <c>++</c> or <c>--</c>.</summary>
    private static bool Assigns(string text, int end)
    {
        int after = Skip(text, end);
        char next = At(text, after);
        char second = At(text, after + 1);
        return (next == '=' && second is not '=' and not '>') || (next == second && next is '+' or '-')
            || (second == '=' && next is '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^')
            || (next == '?' && second == '?' && At(text, after + 2) == '=')
            || (next is '<' or '>' && second == next && At(text, after + 2) == '=');
    }

    private static int LineEnd(string text, int i)
    {
        int end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end;
    }

    private static int LiteralEnd(string text, int i, char quote)
    {
        bool verbatim = i > 0 && text[i - 1] == '@';
        for (i++; i < text.Length; i++)
        {
            if (!verbatim && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (verbatim && At(text, i + 1) == quote)
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return text.Length;
    }

    private static char At(string text, int i) => i >= 0 && i < text.Length ? text[i] : '\0';

    private static int Skip(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static char Next(string text, int i) => At(text, Skip(text, i));

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '@';

    /// <summary>A character that continues a name (letters, digits, underscore).</summary>
    internal static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>C#'s reserved words (never a variable's name: one would be written with @); contextual keywords may be names.</summary>
    private static bool IsKeyword(string word) => SyntaxFacts.GetKeywordKind(word) != SyntaxKind.None;

    /// <summary>A word in a type's place that makes a statement, not a declaration: a reserved word other than a predefined type, or a contextual one that starts a statement or hides the type.</summary>
    private static bool IsNotType(string word)
    {
        SyntaxKind kind = SyntaxFacts.GetKeywordKind(word);
        return (kind != SyntaxKind.None && !SyntaxFacts.IsPredefinedType(kind)) || word is "var" or "await" or "yield" or "scoped" or "nameof";
    }
}
