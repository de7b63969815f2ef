using System;
using System.Globalization;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// A date parameter (-Deadline, -After, -CompletedBefore, ...) given as text is read by <see cref="DateText"/> in the
    /// current culture, as a form field's value is: ISO 8601 as written, a numeric date that reads as two different
    /// dates (03/04/2026) refused with both readings, anything else in the culture. A time without an offset is local
    /// (as PowerShell reads it). Dates and other objects pass through to PowerShell's own conversion.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class DateArgumentAttribute : ArgumentTransformationAttribute
    {
        /// <param name="dateTime">The parameter is a DateTime (the local time of the date read), not a DateTimeOffset.</param>
        public DateArgumentAttribute(bool dateTime = false) => DateTime = dateTime;

        public bool DateTime { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (!(value is string text))
            {
                return inputData;
            }

            DateReading reading = DateText.Read(text, CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal);
            if (reading.Value is DateTimeOffset when)
            {
                return DateTime ? (object)when.LocalDateTime : when;
            }

            throw new ArgumentTransformationMetadataException(reading.Problem + " Nothing was sent.");
        }
    }
}
