using ScottPlot;

namespace SymGrad.Samples.Plotting;

/// <summary>One colour per class (Tableau 10), with light versions for decision regions.</summary>
internal static class ClassColors
{
    private static readonly Color[] Classes =
    {
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    };

    public static Color Class(int c) => Classes[c % Classes.Length];

    /// <summary>The class colour mixed 75% with white: a background that the data points stand out from.</summary>
    public static Color Region(int c) => Class(c).MixedWith(Colors.White, 0.75);
}
