using System;
using System.Linq;
using ModeScim.Client.Filtering;
using ModeScim.Client.Lookups;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Values looked up with "or" filters go in chunks that keep the encoded filter within the URL budget.</summary>
    public class FilterChunkerTests
    {
        [Fact]
        public void A_chunk_holds_at_most_the_given_number_of_values()
        {
            var chunks = FilterChunker.Chunk("userName", Enumerable.Range(0, 7).Select(i => "u" + i), 3).ToList();

            Assert.Equal(new[] { 3, 3, 1 }, chunks.Select(c => c.Values.Count));
            Assert.Equal("userName eq \"u0\" or userName eq \"u1\" or userName eq \"u2\"", chunks[0].Filter.ToString());
            Assert.Equal("userName eq \"u6\"", chunks[2].Filter.ToString());
            Assert.Empty(FilterChunker.Chunk("userName", Array.Empty<string>(), 3));
        }

        [Fact]
        public void A_chunk_ends_before_its_encoded_filter_would_pass_the_url_budget()
        {
            // Each value encodes to 1,000 characters plus "userName eq" and the joining " or ".
            var values = Enumerable.Range(0, 13)
                .Select(i => i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + new string('a', 998)).ToList();
            var perPart = Uri.EscapeDataString(ScimFilter.Equal("userName", values[0]).ToString()).Length + 8;

            var chunks = FilterChunker.Chunk("userName", values, 100).ToList();

            var perChunk = FilterChunker.MaxEncodedFilterLength / perPart;
            Assert.Equal(perChunk, chunks[0].Values.Count);
            Assert.All(chunks, c => Assert.True(Uri.EscapeDataString(c.Filter.ToString()).Length <= FilterChunker.MaxEncodedFilterLength));
            Assert.Equal(values, chunks.SelectMany(c => c.Values));
        }

        [Fact]
        public void A_value_too_long_for_the_budget_still_goes_alone()
        {
            var huge = new string('a', 7000);

            var chunks = FilterChunker.Chunk("userName", new[] { "small", huge, "tail" }, 100).ToList();

            Assert.Equal(new[] { 1, 1, 1 }, chunks.Select(c => c.Values.Count));
        }
    }
}
