using System;
using ModeScim.Client.Paging;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>A listing's record of delivered ids: compact for GUIDs, exact for everything.</summary>
    public class SeenIdsTests
    {
        [Fact]
        public void Each_id_is_new_once_whatever_its_form()
        {
            var seen = new SeenIds();

            Assert.True(seen.Add("0f8fad5b-d9cb-469f-a165-70867728950e"));
            Assert.False(seen.Add("0f8fad5b-d9cb-469f-a165-70867728950e"));
            Assert.True(seen.Add("2819c223-7f76-453a-919d-413861904646"));
            Assert.True(seen.Add("user-1"));
            Assert.False(seen.Add("user-1"));
            Assert.Equal(3, seen.Count);
        }

        [Theory]
        [InlineData("0F8FAD5B-D9CB-469F-A165-70867728950E")]
        [InlineData("{0f8fad5b-d9cb-469f-a165-70867728950e}")]
        [InlineData("0f8fad5bd9cb469fa16570867728950e")]
        [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e ")]
        public void Another_spelling_of_a_guid_is_another_id(string other)
        {
            var seen = new SeenIds();
            Assert.True(seen.Add("0f8fad5b-d9cb-469f-a165-70867728950e"));

            Assert.True(seen.Add(other));
            Assert.False(seen.Add(other));
            Assert.Equal(2, seen.Count);
        }

        [Theory]
        [InlineData("0f8fad5b-d9cb-469f-a165-70867728950g")]
        [InlineData("0f8fad5b+d9cb-469f-a165-70867728950e")]
        [InlineData("0f8fad5b-d9cb-469f-a165-70867728950")]
        public void Text_that_only_looks_like_a_guid_is_kept_as_text(string id)
        {
            var seen = new SeenIds();

            Assert.True(seen.Add(id));
            Assert.False(seen.Add(id));
        }
        [Fact]
        public void Ids_the_server_announced_are_kept_in_one_allocation_of_the_announced_size()
        {
            var ids = new string[50_000];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = Guid.NewGuid().ToString("D");
            }
            var seen = new SeenIds();

            var before = GC.GetAllocatedBytesForCurrentThread();
            seen.Expect(ids.Length);
            foreach (var id in ids)
            {
                Assert.True(seen.Add(id));
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(50_000, seen.Count);
            Assert.InRange(allocated, 50_000 * 16, 1_200_000);
        }

        [Fact]
        public void A_server_announcing_billions_reserves_no_more_than_a_quarter_million_ids()
        {
            var seen = new SeenIds();

            var before = GC.GetAllocatedBytesForCurrentThread();
            seen.Expect(int.MaxValue);
            Assert.True(seen.Add("0f8fad5b-d9cb-469f-a165-70867728950e"));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.InRange(allocated, 250_000 * 16, 6_000_000);
            Assert.Equal(1, seen.Count);
        }

        [Fact]
        public void Ids_past_the_announced_count_are_still_told_apart()
        {
            var ids = new string[1_000];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = Guid.NewGuid().ToString("D");
            }
            var seen = new SeenIds();
            seen.Expect(2);

            foreach (var id in ids)
            {
                Assert.True(seen.Add(id));
            }
            Assert.True(seen.Add("00000000-0000-0000-0000-000000000000"));

            foreach (var id in ids)
            {
                Assert.False(seen.Add(id));
            }
            Assert.False(seen.Add("00000000-0000-0000-0000-000000000000"));
            Assert.Equal(1_001, seen.Count);
        }
    }
}
