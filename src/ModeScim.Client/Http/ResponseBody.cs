using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Client.Http
{
    /// <summary>A response body as it arrived: UTF-8 bytes, decoded to text only when something asks for it (an
    /// error's detail, a -Debug line). A page of a listing is parsed from the bytes: as text it would be a second,
    /// twice as large copy.</summary>
    /// <remarks>The bytes are kept in segments below the large-object threshold (85,000 bytes). A page of 100 users is
    /// about 90 KB: as one array each page went to the large-object heap, whose growth sets off full collections (a
    /// listing of 100,000 users made over twenty of them).</remarks>
    internal sealed class ResponseBody
    {
        internal const int SegmentSize = 64 * 1024;

        /// <summary>Bodies up to this size are parsed from one pooled array: the shared pool keeps what it is given for the
        /// life of the process, so bigger ones (a group listing of a large workspace) are read from their segments.</summary>
        internal const int MaxContiguousParse = 1024 * 1024;
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        private readonly ReadOnlySequence<byte> _utf8;
        private string? _text;

        private ResponseBody(ReadOnlySequence<byte> utf8, string? text)
        {
            _utf8 = utf8;
            _text = text;
        }

        public static ResponseBody Empty { get; } = new ResponseBody(ReadOnlySequence<byte>.Empty, string.Empty);

        /// <summary>The JSON as UTF-8, without a byte order mark.</summary>
        public ReadOnlySequence<byte> Utf8Bytes => _utf8;

        public long Length => _utf8.Length;

        /// <summary>The body as text; decoded once, on first use.</summary>
        public string Text => _text ?? (_text = Decode(_utf8));

        /// <summary>True when the body holds nothing but white space.</summary>
        public bool IsBlank
        {
            get
            {
                foreach (var segment in _utf8)
                {
                    foreach (var b in segment.Span)
                    {
                        if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                        {
                            return false;
                        }
                    }
                }
                return true;
            }
        }

        /// <summary>The body read as JSON with <see cref="ScimJson.Options"/>; JsonException when it is not one JSON value
        /// of that type. The reader is markedly slower over several segments than over one span (a page of users is two),
        /// so a body up to <see cref="MaxContiguousParse"/> is parsed from one pooled array, which the pool hands out
        /// again to the next page.</summary>
        public T? Deserialize<T>()
            where T : class
        {
            if (_utf8.IsSingleSegment)
            {
                return JsonSerializer.Deserialize<T>(_utf8.First.Span, ScimJson.Options);
            }
            if (_utf8.Length <= MaxContiguousParse)
            {
                var length = (int)_utf8.Length;
                var whole = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    _utf8.CopyTo(whole);
                    return JsonSerializer.Deserialize<T>(new ReadOnlySpan<byte>(whole, 0, length), ScimJson.Options);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(whole);
                }
            }
            var reader = new Utf8JsonReader(_utf8, ScimJson.ReaderOptions);
            var value = JsonSerializer.Deserialize<T>(ref reader, ScimJson.Options);
            // Reading from a reader stops after the value; text after it is as wrong here as in any JSON document.
            if (reader.Read())
            {
                throw new JsonException("The body holds more after its JSON value.");
            }
            return value;
        }

        public static ResponseBody FromText(string text) => new ResponseBody(new ReadOnlySequence<byte>(Utf8.GetBytes(text)), text);

        /// <summary>Reads the stream to its end; null when it holds more than <paramref name="limit"/> bytes, which is
        /// abandoned as soon as it is exceeded. Reads through a pooled buffer and keeps each full buffer as a segment of
        /// its own, the last one at its exact size. JSON is UTF-8 (RFC 8259); a body in another charset the server
        /// names, or with a UTF-16 byte order mark, is decoded from that and kept as UTF-8.</summary>
        public static async Task<ResponseBody?> ReadAsync(Stream stream, Encoding? declared, long limit,
            CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(SegmentSize);
            try
            {
                var segments = new List<byte[]>();
                long total = 0;
                var filled = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, filled, SegmentSize - filled, cancellationToken).NoContext()) > 0)
                {
                    filled += read;
                    total += read;
                    if (total > limit)
                    {
                        return null;
                    }
                    if (filled == SegmentSize)
                    {
                        segments.Add(Copy(buffer, filled));
                        filled = 0;
                    }
                }
                if (filled > 0 || segments.Count == 0)
                {
                    segments.Add(Copy(buffer, filled));
                }
                return FromSegments(segments, declared);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static string Decode(ReadOnlySequence<byte> utf8)
        {
            if (utf8.IsSingleSegment && MemoryMarshal.TryGetArray(utf8.First, out var array))
            {
                return Utf8.GetString(array.Array!, array.Offset, array.Count);
            }
            return Utf8.GetString(utf8.ToArray());
        }

        private static byte[] Copy(byte[] buffer, int length)
        {
            var copy = new byte[length];
            Buffer.BlockCopy(buffer, 0, copy, 0, length);
            return copy;
        }

        private static ResponseBody FromSegments(List<byte[]> segments, Encoding? declared)
        {
            var first = segments[0];
            var utf16Bom = first.Length >= 2 && ((first[0] == 0xFF && first[1] == 0xFE) || (first[0] == 0xFE && first[1] == 0xFF));
            if (utf16Bom || (declared != null && declared.CodePage != Encoding.UTF8.CodePage))
            {
                var whole = new MemoryStream();
                foreach (var segment in segments)
                {
                    whole.Write(segment, 0, segment.Length);
                }
                whole.Position = 0;
                using (var reader = new StreamReader(whole, declared ?? Utf8, true))
                {
                    return FromText(reader.ReadToEnd());
                }
            }
            var sequence = Chain(segments);
            var bom = first.Length >= 3 && first[0] == 0xEF && first[1] == 0xBB && first[2] == 0xBF;
            return new ResponseBody(bom ? sequence.Slice(3) : sequence, null);
        }

        private static ReadOnlySequence<byte> Chain(List<byte[]> segments)
        {
            if (segments.Count == 1)
            {
                return new ReadOnlySequence<byte>(segments[0]);
            }
            var head = new Segment(segments[0], 0);
            var tail = head;
            for (var i = 1; i < segments.Count; i++)
            {
                tail = tail.Append(segments[i]);
            }
            return new ReadOnlySequence<byte>(head, 0, tail, tail.Memory.Length);
        }

        private sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            public Segment(byte[] bytes, long runningIndex)
            {
                Memory = bytes;
                RunningIndex = runningIndex;
            }

            public Segment Append(byte[] bytes)
            {
                var next = new Segment(bytes, RunningIndex + Memory.Length);
                Next = next;
                return next;
            }
        }
    }
}
