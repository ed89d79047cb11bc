# Every date the module outputs is a moment in UTC. In a CSV it must say so, in one form whatever the session's culture
# (ISO 8601, 2026-12-07T08:00:00Z); in a script it must stay a [datetime] that compares and computes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 12
    Connect-TestEmulatorWithApi -Emulator $script:Emulator
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-dates-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work
    $script:IsoUtc = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'

    $users = @(Get-ModeUser -First 6 | Where-Object Active)
    $script:User = Get-ModeUser -Identity $users[0].Id
    Set-EmulatorEngagement -Emulator $script:Emulator -Email $script:User.UserName -LastDayEngaged (Get-Date).AddDays(-12)
    $script:Journal = Join-Path $script:Work 'journal.jsonl'
    $null = Disable-ModeUser $users[1] -JournalPath $script:Journal -Reason 'dates'
    $script:Outputs = @{
        ModeUser                = $script:User
        ModeGroup               = @(Get-ModeGroup | Where-Object MemberCount -GT 0)[0]
        ModeScimJournalRecord   = Get-ModeScimJournal -Path $script:Journal
        ModeAccessReportRow     = Get-ModeAccessReport | Where-Object UserName -EQ $script:User.UserName
        ModeAccessReportSummary = Get-ModeAccessReport -Summary
        ModeScimConnection      = Get-ModeScimConnection
    }

    # The text a date must have in a CSV: the moment in UTC, to the second.
    function ConvertTo-IsoUtc([datetime] $Date) {
        $Date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)
    }

    # Runs the script block with the session's culture set to one that writes dates day first, with dots.
    function Invoke-InCulture([string] $Name, [scriptblock] $ScriptBlock) {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]::GetCultureInfo($Name)
            & $ScriptBlock
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Dates in CSV' {
    It 'writes <Type>.<Property> as ISO 8601 UTC with Export-Csv and ConvertTo-Csv under de-DE' -TestCases @(
        @{ Type = 'ModeUser'; Property = 'Created' }, @{ Type = 'ModeUser'; Property = 'LastModified' }
        @{ Type = 'ModeGroup'; Property = 'Created' }, @{ Type = 'ModeGroup'; Property = 'LastModified' }
        @{ Type = 'ModeScimJournalRecord'; Property = 'Time' }
        @{ Type = 'ModeAccessReportRow'; Property = 'Created' }, @{ Type = 'ModeAccessReportRow'; Property = 'LastModified' }
        @{ Type = 'ModeAccessReportRow'; Property = 'LastEngaged' }
        @{ Type = 'ModeAccessReportSummary'; Property = 'GeneratedAt' }
        @{ Type = 'ModeScimConnection'; Property = 'ConnectedAt' }
    ) {
        $object = $script:Outputs[$Type]
        @($object).Count | Should -Be 1
        $object.GetType().Name | Should -Be $Type
        $object.$Property | Should -Not -BeNullOrEmpty
        $path = Join-Path $script:Work "$Type-$Property.csv"

        $converted, $exported = Invoke-InCulture 'de-DE' {
            ($object | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).$Property
            $object | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8
            (Import-Csv -LiteralPath $path).$Property
        }

        $converted | Should -Match $script:IsoUtc
        $converted | Should -Be (ConvertTo-IsoUtc $object.$Property)
        $exported | Should -Be $converted
    }

    It 'writes the moment the server holds, in UTC, whatever the culture' {
        # The response's own text: Invoke-RestMethod would turn the time into a [datetime] of its own making.
        $response = Invoke-WebRequest -Uri ($script:Emulator.BaseUri.TrimEnd('/') + "/Users/$($script:User.Id)") -UseBasicParsing `
            -Headers @{ Authorization = "Bearer $($script:Emulator.Token)" }
        $raw = [System.Text.Encoding]::UTF8.GetString($response.RawContentStream.ToArray())
        $created = [datetimeoffset]::Parse(($raw | Select-String '"created"\s*:\s*"([^"]+)"').Matches[0].Groups[1].Value,
            [cultureinfo]::InvariantCulture)

        foreach ($culture in 'de-DE', 'en-US', 'ja-JP') {
            $row = Invoke-InCulture $culture { $script:User | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv }
            $row.Created | Should -Be (ConvertTo-IsoUtc $created.UtcDateTime) -Because "under $culture"
        }
    }

    It 'writes the journal record''s time as the journal file holds it' {
        $line = Get-Content -LiteralPath $script:Journal -TotalCount 1
        $time = [datetimeoffset]::Parse(($line | Select-String '"time"\s*:\s*"([^"]+)"').Matches[0].Groups[1].Value,
            [cultureinfo]::InvariantCulture)

        $row = Invoke-InCulture 'de-DE' { $script:Outputs.ModeScimJournalRecord | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv }

        $row.Time | Should -Be (ConvertTo-IsoUtc $time.UtcDateTime)
    }

    It 'writes when the connection was made in UTC, not in the machine''s time zone' {
        $before = [datetime]::UtcNow.AddSeconds(-1)
        $connection = Connect-TestEmulatorWithApi -Emulator $script:Emulator -PassThru

        $row = Invoke-InCulture 'de-DE' { $connection | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv }

        $written = [datetime]::ParseExact($row.ConnectedAt, "yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture,
            [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal')
        $written | Should -BeGreaterOrEqual $before.AddTicks( - ($before.Ticks % [timespan]::TicksPerSecond))
        $written | Should -BeLessOrEqual ([datetime]::UtcNow)
        $connection.ConnectedAt.Kind | Should -Be 'Utc'
    }
}

Describe 'Dates in scripts' {
    It 'keeps <Type>.<Property> a UTC [datetime] that compares with Get-Date and computes' -TestCases @(
        @{ Type = 'ModeUser'; Property = 'Created' }, @{ Type = 'ModeGroup'; Property = 'LastModified' }
        @{ Type = 'ModeScimJournalRecord'; Property = 'Time' }, @{ Type = 'ModeAccessReportRow'; Property = 'LastEngaged' }
        @{ Type = 'ModeAccessReportSummary'; Property = 'GeneratedAt' }, @{ Type = 'ModeScimConnection'; Property = 'ConnectedAt' }
    ) {
        $object = $script:Outputs[$Type]
        $date = $object.$Property

        $date -is [datetime] | Should -BeTrue
        $date.Kind | Should -Be 'Utc'
        $date -lt (Get-Date).AddDays(1) | Should -BeTrue
        (Get-Date).AddDays(1) -gt $date | Should -BeTrue
        (Get-Date).AddYears(-30) -lt $date | Should -BeTrue
        @($object | Where-Object { $_.$Property -lt (Get-Date).AddDays(1) }).Count | Should -Be 1
        $date.AddDays(1) - $date | Should -Be ([timespan]::FromDays(1))
        (New-TimeSpan -Start $date -End $date.AddHours(2)).TotalHours | Should -Be 2
        [datetime]$date | Should -Be $date
        $date.ToString('yyyy-MM-dd') | Should -Be ($date.ToUniversalTime().ToString('yyyy-MM-dd'))
    }

    It 'sorts users by a date as dates' {
        $users = @(Get-ModeUser -First 5)

        $sorted = @($users | Sort-Object LastModified)

        for ($i = 1; $i -lt $sorted.Count; $i++) {
            [datetime]$sorted[$i - 1].LastModified | Should -BeLessOrEqual ([datetime]$sorted[$i].LastModified)
        }
    }

    It 'converts a user to JSON with each date one UTC string' {
        $json = $script:User | ConvertTo-Json -Depth 4

        $json | Should -Match '"Created":\s*"\d{4}-\d\d-\d\dT[\d:.]+Z"'
        $json | Should -Match '"LastModified":\s*"\d{4}-\d\d-\d\dT[\d:.]+Z"'
    }

    It 'shows a user''s dates in its list view in UTC, whatever the culture' {
        $text = Invoke-InCulture 'de-DE' { $script:User | Format-List | Out-String -Width 200 }

        # The same text as the CSV's: one form of a date on a screen.
        $text | Should -Match ('Created \(UTC\)\s*: ' + [regex]::Escape([ModeScim.PowerShell.Models.UtcTimestamp]::Text($script:User.Created)))
        $text | Should -Match ('LastModified \(UTC\)\s*: ' + [regex]::Escape([ModeScim.PowerShell.Models.UtcTimestamp]::Text($script:User.LastModified)))
        $text | Should -Match 'Created \(UTC\)\s*: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'
    }
}
