using System;
using System.Globalization;
using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// A duration parameter (-Timeout, -Interval) given as a number is seconds (PowerShell would read 30 as 30 ticks); text is
    /// seconds or a TimeSpan ("00:10:00"); a TimeSpan passes through.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class DurationArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case int i:
                    return TimeSpan.FromSeconds(i);
                case long l:
                    return TimeSpan.FromSeconds(l);
                case double d:
                    return TimeSpan.FromSeconds(d);
                case decimal m:
                    return TimeSpan.FromSeconds((double)m);
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                    return TimeSpan.FromSeconds(seconds);
                case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span):
                    return span;
                case string text:
                    throw new ArgumentTransformationMetadataException($"'{text}' is not a duration: give seconds (30) or a time span (00:10:00).");
                default:
                    return inputData;
            }
        }
    }
}
