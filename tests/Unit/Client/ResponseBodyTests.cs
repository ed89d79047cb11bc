using System.Buffers;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Http;
using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>A body read as bytes: whole whatever its size and however the stream hands it over, UTF-8 without a
    /// byte order mark, other charsets converted, and abandoned past the limit.</summary>
    public sealed class ResponseBodyTests
    {
        /// <summary>A stream that gives at most a few bytes per read, as a slow network does.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            public TrickleStream(byte[] bytes)
                : base(bytes)
            {
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                base.ReadAsync(buffer, offset, System.Math.Min(count, 7), cancellationToken);
        }

        private static string Json(int users) =>
            "{\"Resources\":[" + string.Join(",", Enumerable.Range(0, users).Select(i => "{\"userName\":\"user" + i
                + "@example.com\"}")) + "]}";

        [Theory]
        [InlineData(0)]
        [InlineData(10)]
        [InlineData(9000)]
        public async Task Reads_the_whole_body_at_its_exact_size_past_the_pooled_buffer(int users)
        {
            var json = Json(users);

            var body = await ResponseBody.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), null, long.MaxValue,
                CancellationToken.None);

            Assert.Equal(json, body!.Text);
            Assert.Equal(Encoding.UTF8.GetByteCount(json), body.Length);
        }

        [Fact]
        public async Task Reads_a_body_handed_over_a_few_bytes_at_a_time()
        {
            var json = Json(50);

            var body = await ResponseBody.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json)), null, long.MaxValue,
                CancellationToken.None);

            Assert.Equal(json, body!.Text);
        }

        [Fact]
        public async Task Drops_a_UTF8_byte_order_mark_and_converts_UTF16_and_a_named_charset()
        {
            const string json = "{\"userName\":\"jos\u00e9@example.com\"}";
            var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray();
            var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(json)).ToArray();

            var fromBom = await ResponseBody.ReadAsync(new MemoryStream(withBom), null, long.MaxValue, CancellationToken.None);
            var fromUtf16 = await ResponseBody.ReadAsync(new MemoryStream(utf16), null, long.MaxValue, CancellationToken.None);
            var fromLatin1 = await ResponseBody.ReadAsync(new MemoryStream(Encoding.Latin1.GetBytes(json)), Encoding.Latin1, long.MaxValue,
                CancellationToken.None);

            foreach (var body in new[] { fromBom, fromUtf16, fromLatin1 })
            {
                Assert.Equal(json, body!.Text);
                Assert.Equal(Encoding.UTF8.GetBytes(json), body.Utf8Bytes.ToArray());
            }
        }

        [Fact]
        public async Task Abandons_a_body_one_byte_past_the_limit_and_keeps_one_at_the_limit()
        {
            var bytes = Encoding.UTF8.GetBytes(Json(3000));

            Assert.Null(await ResponseBody.ReadAsync(new MemoryStream(bytes), null, bytes.Length - 1, CancellationToken.None));
            Assert.NotNull(await ResponseBody.ReadAsync(new MemoryStream(bytes), null, bytes.Length, CancellationToken.None));
        }

        [Fact]
        public async Task Keeps_a_large_body_in_segments_below_the_large_object_threshold()
        {
            var bytes = Encoding.UTF8.GetBytes(Json(9000));

            var body = await ResponseBody.ReadAsync(new TrickleStream(bytes), null, long.MaxValue, CancellationToken.None);

            var segments = new System.Collections.Generic.List<System.ReadOnlyMemory<byte>>();
            foreach (var segment in body!.Utf8Bytes)
            {
                segments.Add(segment);
            }
            Assert.True(segments.Count > 1);
            Assert.All(segments, segment => Assert.True(segment.Length <= 85000 - 100, segment.Length + " bytes"));
            Assert.Equal(bytes, body.Utf8Bytes.ToArray());
        }

        [Fact]
        public async Task Parses_a_body_whose_characters_and_strings_cross_a_segment_boundary()
        {
            // A two-byte character placed across the first segment's end, inside a string that crosses it too.
            var prefix = "{\"Resources\":[{\"userName\":\"";
            var padding = new string('a', ResponseBody.SegmentSize - Encoding.UTF8.GetByteCount(prefix) - 1);
            var json = prefix + padding + "\u00e9z\"}]}";
            var bytes = Encoding.UTF8.GetBytes(json);
            Assert.Equal(0xC3, bytes[ResponseBody.SegmentSize - 1]);

            var body = await ResponseBody.ReadAsync(new MemoryStream(bytes), null, long.MaxValue, CancellationToken.None);
            var page = new ScimResponse(200, body!).Read<ScimListResponse<ScimUser>>("GET", "Users");

            Assert.Equal(padding + "\u00e9z", page.Resources![0].UserName);
        }

        [Theory]
        [InlineData(3000)]
        [InlineData(40000)]
        public async Task Refuses_text_after_a_large_body_parsed_pooled_or_across_segments(int users)
        {
            var bytes = Encoding.UTF8.GetBytes(Json(users) + " trailing");
            Assert.True(bytes.Length > ResponseBody.SegmentSize);

            var body = await ResponseBody.ReadAsync(new MemoryStream(bytes), null, long.MaxValue, CancellationToken.None);
            var error = Assert.Throws<ScimException>(() => new ScimResponse(200, body!).Read<ScimListResponse<ScimUser>>("GET", "Users"));

            Assert.Equal(ScimErrorKind.InvalidResponse, error.Kind);
        }

        [Fact]
        public async Task Parses_a_body_larger_than_the_pooled_parse_across_its_segments()
        {
            var bytes = Encoding.UTF8.GetBytes(Json(40000));
            Assert.True(bytes.Length > ResponseBody.MaxContiguousParse);

            var body = await ResponseBody.ReadAsync(new MemoryStream(bytes), null, long.MaxValue, CancellationToken.None);
            var page = new ScimResponse(200, body!).Read<ScimListResponse<ScimUser>>("GET", "Users");

            Assert.Equal(40000, page.Resources!.Count);
            Assert.Equal("user39999@example.com", page.Resources[39999].UserName);
        }

        [Theory]
        [InlineData("{\"id\":\"1\"} x")]
        [InlineData("{\"id\":\"1\"}{\"id\":\"2\"}")]
        [InlineData("null")]
        public void Refuses_a_body_with_anything_but_one_JSON_object(string text)
        {
            var response = new ScimResponse(200, ResponseBody.FromText(text));

            var error = Assert.Throws<ScimException>(() => response.Read<ScimUser>("GET", "Users/1"));

            Assert.Equal(ScimErrorKind.InvalidResponse, error.Kind);
        }

        [Fact]
        public void Reads_one_JSON_object_with_white_space_after_it()
        {
            var response = new ScimResponse(200, ResponseBody.FromText("{\"id\":\"1\"}\r\n "));

            Assert.Equal("1", response.Read<ScimUser>("GET", "Users/1").Id);
        }

        [Theory]
        [InlineData("", true)]
        [InlineData(" \r\n\t", true)]
        [InlineData(" {}", false)]
        public void Tells_a_blank_body(string text, bool blank)
        {
            Assert.Equal(blank, ResponseBody.FromText(text).IsBlank);
        }
    }
}
