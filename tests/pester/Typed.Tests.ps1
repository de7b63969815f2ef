# What the user typed is what is meant (issue 20, part 4): a numeric date that reads two ways is refused, an email
# that names no one is no new guest unless asked, a control character in a name, title or path is refused; each
# before anything is sent. Against a real sandbox process this file owns.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 10
    $script:org = $sb.OrganizationId
    $script:s = Connect-TallyfySandbox $sb
    $script:audit = Get-TallyfyTemplate -Name 'Quarterly audit'
    function script:StoredRun([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/runs/$Id" }
    function script:FieldId([object] $Template, [string] $Label) { ($Template.KickoffFields | Where-Object Label -eq $Label).Id }
    # A stored date field's value (JSON may have made it a [datetime]) as 'yyyy-MM-dd HH:mm' in UTC.
    function script:Stamp($Value) {
        $utc = if ($Value -is [datetime]) { $Value.ToUniversalTime() } else { ([datetimeoffset]::Parse($Value, [cultureinfo]::InvariantCulture)).UtcDateTime }
        $utc.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture)
    }

    # A child pwsh in a culture, signed in to this sandbox, that runs $Script and writes each line it outputs.
    function script:InCulture([string] $Culture, [string] $Script) {
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
`$ErrorActionPreference = 'Stop'
[cultureinfo]::CurrentCulture = '$Culture'
Import-Module '$ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
$Script
"@
        $child.Error | Should -BeNullOrEmpty
        $child.Output
    }
}

AfterAll {
    if ($script:sb) { Stop-TallyfySandbox $sb }
}

Describe 'Dates as the user typed them' {
    It 'refuses a launch row whose date reads two ways in en-GB, naming both readings and the ISO forms; nothing is sent' {
        $seq = LastSeq
        $out = InCulture 'en-GB' @"
`$row = [pscustomobject]@{ Name = 'Ambiguous audit'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '03/04/2026' }
`$r = @(`$row | Start-TallyfyRun -TemplateId '$($audit.Id)' -ErrorVariable errs -ErrorAction SilentlyContinue)
"COUNT `$(`$r.Count)"
"ID `$(`$errs[0].FullyQualifiedErrorId)"
"MSG `$(`$errs[0].ErrorDetails.Message)"
"@
        $out | Should -Match 'COUNT 0'
        $out | Should -Match 'ID InvalidFieldValue,'
        $out | Should -Match "Audit period end"
        $out | Should -Match "'03/04/2026' could be 3 April 2026 or 4 March 2026: write 2026-04-03 or 2026-03-04"
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'launches rows with unambiguous dates in en-GB as written, and keeps the calendar date of a date with an offset' {
        $out = InCulture 'en-GB' @"
`$rows = @(
    [pscustomobject]@{ Name = 'Audit 31/12'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '31/12/2026' }
    [pscustomobject]@{ Name = 'Audit 03/03'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '03/03/2026' }
    [pscustomobject]@{ Name = 'Audit named'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '3 April 2026' }
    [pscustomobject]@{ Name = 'Audit offset'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31T23:30:00-11:00' }
)
`$rows | Start-TallyfyRun -TemplateId '$($audit.Id)' | ForEach-Object { "RUN `$(`$_.Name)=`$(`$_.Id)" }
"@
        $ids = @{}
        foreach ($line in $out -split "`r?`n" | Where-Object { $_ -like 'RUN *' }) { $n, $i = $line.Substring(4) -split '='; $ids[$n] = $i }
        $ids.Count | Should -Be 4
        $field = FieldId $audit 'Audit period end'
        Stamp (StoredRun $ids['Audit 31/12']).prerun.$field | Should -Be '2026-12-31 00:00'
        Stamp (StoredRun $ids['Audit 03/03']).prerun.$field | Should -Be '2026-03-03 00:00'
        Stamp (StoredRun $ids['Audit named']).prerun.$field | Should -Be '2026-04-03 00:00'
        Stamp (StoredRun $ids['Audit offset']).prerun.$field | Should -Be '2026-12-31 23:30'   # not 2027-01-01 10:30
    }

    It 'refuses -Deadline 03/04/2026 in en-GB with both readings, and takes 31/12/2026' {
        $seq = LastSeq
        $out = InCulture 'en-GB' @"
try { New-TallyfyTask -Title 'Ambiguous deadline' -Deadline '03/04/2026' } catch { "ID `$(`$_.FullyQualifiedErrorId)"; "MSG `$(`$_.Exception.Message)" }
"@
        $out | Should -Match 'ID ParameterArgumentTransformationError,'
        $out | Should -Match "'03/04/2026' could be 3 April 2026 or 4 March 2026: write 2026-04-03 or 2026-03-04"
        Mutations $seq | Should -BeNullOrEmpty

        $out = InCulture 'en-GB' @"
`$t = New-TallyfyTask -Title 'Clear deadline' -Deadline '31/12/2026 09:00Z'
"DEADLINE `$(([datetimeoffset]`$t.Deadline).UtcDateTime.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture))"
"@
        $out | Should -Match 'DEADLINE 2026-12-31 09:00'
    }
}
