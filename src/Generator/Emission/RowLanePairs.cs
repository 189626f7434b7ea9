using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Two row groups at a time (<see cref="RowLaneEmitter"/>'s <c>RowPairs</c>; docs/how-it-works.md, "Row groups two at a
/// time"): the group body's top-level statements printed for the first group (rows i to i + Count - 1) and then again
/// for the second (rows i + Count on), statement by statement, the second group's names ending in <see cref="Suffix"/>.
/// A group's softmax, log and reverse are long chains of dependent operations; with the two groups' statements side by
/// side the processor works on one group's chain while the other's waits. With AVX-512 only (without it three
/// consumer-test bodies' pairs called about 95 vector operators each, past the JIT's inlining limit) and in
/// <c>double</c> only (a <c>float</c> tile's two groups are one pair, and the second group's buffers cost the
/// <c>float</c> softmax (100, 10, 10) 3%). On a Zen 5 machine the suite's <c>double</c> softmax took 0.955 to 0.975
/// of its time at (100, 10, 10) in four runs and 0.97 to 1.00 at m &gt;= 1000 (docs/benchmark-log.md, 2026-12-07).
/// </summary>
/// <remarks>
/// The bits are those of one group at a time: every value a group computes is its own (its locals, private rows, saved
/// values and blocks are the second group's own copies), and a value the groups share (an enclosing sum, a sum's lanes)
/// takes the first group's addition before the second's, as one group after the other does, because each shared value
/// is updated by one top-level statement only; a body where one is updated by two is not paired (between the two, the
/// second group's first addition would come before the first group's second). Not paired either: bodies that use the
/// tape (its pushes and pops pair in order), that keep products for the tile (their group index), and large ones, whose
/// twice as many locals could pass the JIT's limit for inlining the vector operations (<see cref="LocalFunctions"/>).
/// The renaming works on the printed text: a name is renamed where it stands alone, never after a dot or <c>::</c>
/// (a member or a namespace: a user's local named <c>Exp</c> leaves <c>Lanes.Exp</c> alone).
/// </remarks>
internal sealed class RowLanePairs
{
    /// <summary>What the second group's names end in.</summary>
    public const string Suffix = "Second";

    /// <summary>A body longer than this (in characters, printed for one group) is not paired: see the remarks.</summary>
    private const int LongestBody = 16_000;

    /// <summary>A declaration at the body's top level (printed at no indentation): the names the two groups would share otherwise. Names declared deeper are scoped to their own statement's copy.</summary>
    private static readonly Regex Declaration = new(@"^(?:global::\S+|int|bool|long|double|float)\s+(\w+)\s*=(?!=)", RegexOptions.Multiline);

    private readonly Dictionary<string, string> renames;
    private readonly Regex names;

    private RowLanePairs(Dictionary<string, string> renames, string pairSwitch)
    {
        this.renames = renames;
        Switch = pairSwitch;
        // A name after a dot or "::" is a member or a namespace (a user's local named Exp is not Lanes.Exp, one named
        // System not global::System): never renamed. (Lowering gives a local named as a keyword a plain name: no @.)
        names = new Regex(@"(?<![\w.]|::)(?:" + string.Join("|", renames.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")\b");
    }

    /// <summary>The paired body: the transposes of both groups, then each top-level statement for both, at no indentation.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>The local that says whether the pairs run (AVX-512, two groups' rows, both groups' vectors fit), declared where the lanes' buffers are rented.</summary>
    public string Switch { get; }

    /// <summary>The row counter of the second group (declared by the pair loop as the counter plus a group).</summary>
    public string Counter(string counter) => renames[counter];

    /// <summary>
    /// The pairing of a group body printed as <paramref name="chunks"/> (one per top-level statement) after
    /// <paramref name="transposes"/>, or null when it may not be paired (see the remarks).
    /// </summary>
    /// <param name="lanes">The row lanes.</param>
    /// <param name="views">The read-only views of the lanes' buffers (span to view).</param>
    /// <param name="tape">The tape's name.</param>
    /// <param name="taken">The texts the second group's names must not already occur in (the method so far and the body).</param>
    /// <param name="reserved">Names the second group's may not take either: the source method's locals and parameters, which can stand later in the method.</param>
    public static RowLanePairs? Of(CodeRowLanes lanes, IReadOnlyDictionary<string, string> views, string tape, string transposes, IReadOnlyList<string> chunks, IReadOnlyList<string> taken, System.Func<string, bool> reserved)
    {
        string body = transposes + string.Concat(chunks);
        if (lanes.Kept.Count > 0 || body.Length > LongestBody || body.Contains(tape + ".Push(") || body.Contains(tape + ".Pop"))
        {
            return null;
        }

        // The group's own names: the counter, every name the body declares, and its buffers (private rows, shares, saved
        // values, blocks) with their pooled arrays and read-only views.
        var own = new List<string> { lanes.Loop.Counter };
        own.AddRange(Declaration.Matches(body).Cast<Match>().Select(m => m.Groups[1].Value));
        foreach (var (span, buffer) in GroupBuffers(lanes))
        {
            own.Add(span);
            own.Add(buffer);
            if (views.TryGetValue(span, out string? view))
            {
                own.Add(view);
            }
        }

        var renames = new Dictionary<string, string>();
        foreach (string name in own.Distinct())
        {
            renames[name] = Unused(name + Suffix, taken, reserved);
        }

        // Each value the groups share is updated by one top-level statement at most: a sum's lanes (only ever added to)
        // where they appear at all, an enclosing real (the carries' targets and the sums into the enclosing code) where
        // it is assigned.
        IEnumerable<string> sumLanes = lanes.Sums.Select(s => s.Lanes);
        IEnumerable<string> enclosing = lanes.Carries.Select(c => c.Target)
            .Concat(chunks.SelectMany(c => Regex.Matches(c, @"^\s*(\w+) \+= global::SymGrad\.Lanes\.Sum\(", RegexOptions.Multiline).Cast<Match>().Select(m => m.Groups[1].Value)))
            .Where(name => !renames.ContainsKey(name));
        if (sumLanes.Any(s => chunks.Count(c => Regex.IsMatch(c, @"\b" + Regex.Escape(s) + @"\b")) > 1)
            || enclosing.Distinct().Any(s => chunks.Count(c => Regex.IsMatch(c, @"^\s*" + Regex.Escape(s) + @"\s*(?:\+|-)?=", RegexOptions.Multiline)) > 1))
        {
            return null;
        }

        var pairs = new RowLanePairs(renames, Unused("rowPairs", taken, reserved));
        var text = new StringBuilder(transposes).Append(pairs.Second(transposes));
        foreach (string chunk in chunks)
        {
            text.Append(chunk).Append(pairs.Second(chunk));
        }

        pairs.Text = text.ToString();
        return pairs;
    }

    /// <summary>The buffers each group has its own of (private rows, softmax shares, saved values, row blocks): the span and its pooled array. The sums' lanes are shared.</summary>
    public static IEnumerable<(string Span, string Buffer)> GroupBuffers(CodeRowLanes lanes) =>
        lanes.Privates.Select(p => (p.Lanes, p.Buffer))
            .Concat(lanes.Shares.Select(s => (s.Shares, s.Buffer)))
            .Concat(lanes.Saved.Select(s => (s.Lanes, s.Buffer)))
            .Concat(lanes.Blocks.Select(b => (b.Block, b.Buffer)));

    /// <summary><paramref name="name"/>, or it numbered from 2, whichever first neither occurs as a word in <paramref name="taken"/> nor is <paramref name="reserved"/>.</summary>
    private static string Unused(string name, IReadOnlyList<string> taken, System.Func<string, bool> reserved)
    {
        string unused = name;
        for (int n = 2; reserved(unused) || taken.Any(text => MethodText.ContainsWord(text, unused)); n++)
        {
            unused = name + n;
        }

        return unused;
    }

    /// <summary><paramref name="text"/> for the second group: its names renamed, its comment lines left out (the first group's say it).</summary>
    public string Second(string text)
    {
        var lines = text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", System.StringComparison.Ordinal) && line.Trim().Length > 0).Select(WithoutComment);
        string code = string.Join("\n", lines);
        return code.Length == 0 ? string.Empty : names.Replace(code, m => renames[m.Value]) + "\n";
    }

    /// <summary>A code line without its trailing comment (the first group's copy has it).</summary>
    private static string WithoutComment(string line)
    {
        int comment = line.IndexOf("  // ", System.StringComparison.Ordinal);
        return comment < 0 ? line : line.Substring(0, comment);
    }

    /// <summary>Whether <paramref name="line"/> names one of the group's own buffers or views (their rent, view or return, repeated for the second group).</summary>
    public bool NamesOwn(string line) => !line.TrimStart().StartsWith("//", System.StringComparison.Ordinal) && names.IsMatch(line);
}
