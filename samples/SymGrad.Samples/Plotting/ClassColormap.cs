using System;
using ScottPlot;

namespace SymGrad.Samples.Plotting;

/// <summary>A discrete colormap for a heatmap of class indices 0..K-1 (normalised by the heatmap to [0, 1]).</summary>
internal sealed class ClassColormap : IColormap
{
    private readonly int classes;

    public ClassColormap(int classes)
    {
        this.classes = classes;
    }

    public string Name => "classes";

    public Color GetColor(double normalizedIntensity)
    {
        if (double.IsNaN(normalizedIntensity))
        {
            return Colors.White;
        }

        int c = (int)Math.Round(Math.Clamp(normalizedIntensity, 0, 1) * (classes - 1));
        return ClassColors.Region(c);
    }
}
