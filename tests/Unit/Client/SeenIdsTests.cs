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
    }
}
