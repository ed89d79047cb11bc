using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Client.Http
{
    /// <summary>A response body as it arrived: UTF-8 bytes, decoded to text only when something asks for it (an
    /// error's detail, a -Debug line). A page of a listing is parsed from the bytes: as text it would be a second,
    /// twice as large copy on the large-object heap, and each page's copies set off full garbage collections.</summary>
    internal sealed class ResponseBody
    {
        private const int ChunkSize = 81920;

        // The shared pool keeps what it is given for the life of the process: a 17 MB group listing read through it
        // would stay as two 16 MB arrays. Bigger bodies grow in plain arrays, which the collector takes back.
        private const int MaxPooledSize = 1024 * 1024;
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        private readonly byte[] _utf8;
        private string? _text;

        private ResponseBody(byte[] utf8, string? text)
        {
            _utf8 = utf8;
            _text = text;
        }

        public static ResponseBody Empty { get; } = new ResponseBody(new byte[0], string.Empty);

        /// <summary>The JSON as UTF-8, without a byte order mark.</summary>
        public ReadOnlySpan<byte> Utf8Bytes => _utf8;

        public int Length => _utf8.Length;

        /// <summary>The body as text; decoded once, on first use.</summary>
        public string Text => _text ?? (_text = Utf8.GetString(_utf8));

        /// <summary>True when the body holds nothing but white space.</summary>
        public bool IsBlank
        {
            get
            {
                foreach (var b in _utf8)
                {
                    if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        public static ResponseBody FromText(string text) => new ResponseBody(Utf8.GetBytes(text), text);

        /// <summary>Reads the stream to its end; null when it holds more than <paramref name="limit"/> bytes, which is
        /// abandoned as soon as it is exceeded. Reads through a pooled buffer, so the only lasting allocation is the
        /// body at its exact size. JSON is UTF-8 (RFC 8259); a body in another charset the server names, or with a
        /// UTF-16 byte order mark, is decoded from that and kept as UTF-8.</summary>
        public static async Task<ResponseBody?> ReadAsync(Stream stream, Encoding? declared, long limit,
            CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            var pooled = true;
            try
            {
                var length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > limit)
                    {
                        return null;
                    }
                    if (length == buffer.Length)
                    {
                        var size = buffer.Length * 2;
                        var larger = size <= MaxPooledSize ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];
                        Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        if (pooled)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                        }
                        pooled = size <= MaxPooledSize;
                        buffer = larger;
                    }
                }
                return FromBytes(buffer, length, declared);
            }
            finally
            {
                if (pooled)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        private static ResponseBody FromBytes(byte[] buffer, int length, Encoding? declared)
        {
            var utf16Bom = length >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF));
            if (utf16Bom || (declared != null && declared.CodePage != Encoding.UTF8.CodePage))
            {
                using (var reader = new StreamReader(new MemoryStream(buffer, 0, length), declared ?? Utf8, true))
                {
                    return FromText(reader.ReadToEnd());
                }
            }
            var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            var exact = new byte[length - start];
            Buffer.BlockCopy(buffer, start, exact, 0, exact.Length);
            return new ResponseBody(exact, null);
        }
    }
}
