using System;
using System.Globalization;
using ModeScim.PowerShell.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>The text every output date is exported as: ISO 8601 in UTC, whatever the culture, from whatever kind of
    /// time it was given.</summary>
    public sealed class UtcTimestampTests
    {
        private static readonly DateTime Morning = new(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("de-DE")]
        [InlineData("en-US")]
        [InlineData("ar-SA")]
        [InlineData("th-TH")]
        public void Its_text_is_ISO_8601_UTC_to_the_second_in_any_culture(string culture)
        {
            var saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

                Assert.Equal("2026-12-07T08:00:00Z", new UtcTimestamp(Morning.AddTicks(9_999_999)).ToString());
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void A_local_time_is_converted_and_a_time_of_no_stated_kind_is_taken_as_UTC()
        {
            var local = new UtcTimestamp(Morning.ToLocalTime());
            var unspecified = new UtcTimestamp(DateTime.SpecifyKind(Morning, DateTimeKind.Unspecified));

            Assert.Equal((Morning, DateTimeKind.Utc), (local.UtcDateTime, local.UtcDateTime.Kind));
            Assert.Equal((Morning, DateTimeKind.Utc), (unspecified.UtcDateTime, unspecified.UtcDateTime.Kind));
        }

        [Fact]
        public void A_missing_time_stays_missing()
        {
            DateTime? none = null;
            UtcTimestamp? converted = none;

            Assert.Null(converted);
        }

        [Fact]
        public void Models_keep_the_moment_they_are_given()
        {
            var user = new ModeUser { Created = Morning, LastModified = (DateTime?)null };
            var record = new ModeScimJournalRecord { Time = Morning.ToLocalTime() };

            Assert.Equal(Morning, user.Created?.UtcDateTime);
            Assert.Null(user.LastModified);
            Assert.Equal("2026-12-07T08:00:00Z", record.Time.ToString());
        }
    }
}
