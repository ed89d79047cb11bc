using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Http;
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
