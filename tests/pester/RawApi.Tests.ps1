# Invoke-TallyfyApi: any request of Tallyfy's API through the module's client (sign-in, retries, throttling, paging,
# redaction). Through a real pwsh against a real sandbox process; the file owns its sandbox (faults, request log).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 250
    $script:org = $sb.OrganizationId
    function script:Fresh([int] $MaxRetries = 5) {
        Set-TallyfySandboxFault $sb @{}
        $null = Connect-TallyfySandbox $sb -MaxRetries $MaxRetries
    }
    function script:PathsSince([long] $Since) { @(RequestsSince $Since | ForEach-Object Path) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Paths' {
    BeforeAll { Fresh }

    It 'puts organizations/{org}/ in front of a relative path, and writes the items of a list one by one' {
        $seq = LastSeq
        $runs = @(Invoke-TallyfyApi GET runs -Query @{ per_page = 5 })
        $runs.Count | Should -Be 5
        $runs[0].id | Should -Match '^[0-9a-f]{32}$'
        $runs[0] | Should -BeOfType [pscustomobject]
        PathsSince $seq | Should -Be @("/api/organizations/$org/runs")
        (RequestsSince $seq)[0].Query | Should -Match 'per_page=5'
    }

    It 'leaves me, organizations/ and oauth/ paths alone, and writes one item as one object' {
        $seq = LastSeq
        $me = @(Invoke-TallyfyApi GET me)
        $me.Count | Should -Be 1
        $me[0].email | Should -Be 'dana.whitfield@acme.example'
        $null = Invoke-TallyfyApi GET me/organizations
        $null = Invoke-TallyfyApi GET "/organizations/$org/tags"
        PathsSince $seq | Should -Be @('/api/me', '/api/me/organizations', "/api/organizations/$org/tags")
    }

    It 'keeps a query written in the path, and takes {org} as the organization' {
        $seq = LastSeq
        $null = Invoke-TallyfyApi GET 'organizations/{org}/runs?per_page=2&status=active'
        $log = RequestsSince $seq
        $log[0].Path | Should -Be "/api/organizations/$org/runs"
        $log[0].Query | Should -Match 'per_page=2' -Because 'the query came with the path'
        $log[0].Query | Should -Match 'status=active'
    }

    It 'accepts an absolute URL on the session''s own host' {
        $seq = LastSeq
        @(Invoke-TallyfyApi GET "$($sb.ApiUri.TrimEnd('/'))/organizations/$org/runs?per_page=2").Count | Should -Be 2
        PathsSince $seq | Should -Be @("/api/organizations/$org/runs")
    }

    It 'refuses a URL on another host or port with ForeignApiHost, and sends nothing at all' -ForEach @(
        @{ Url = 'https://evil.example/api/me' }
        @{ Url = 'http://127.0.0.1:1/api/me' }
    ) {
        $seq = LastSeq
        $out = @(Invoke-TallyfyApi GET $Url -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ForeignApiHost,*'
        $errs[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $errs[0].Exception.Message | Should -Match 'Nothing was sent'
        RequestsSince $seq | Should -BeNullOrEmpty
    }

    It 'refuses a body that is not JSON, and a body on a GET, sending nothing' {
        $seq = LastSeq
        Invoke-TallyfyApi POST runs -Body '{"name": ' -ErrorVariable e1 -ErrorAction SilentlyContinue -Confirm:$false
        Invoke-TallyfyApi GET runs -Body @{ a = 1 } -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJsonBody,*'
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJsonBody,*'
        RequestsSince $seq | Should -BeNullOrEmpty
    }
}

Describe 'Answers' {
    BeforeAll { Fresh }

    It '-All follows every page and streams: all the list''s records, and only the first page for Select-Object -First' {
        $total = ((Invoke-TallyfyApi GET runs -Raw).Body | ConvertFrom-Json).meta.pagination.total
        $total | Should -BeGreaterThan 100
        $seq = LastSeq
        $all = @(Invoke-TallyfyApi GET runs -All)
        $all.Count | Should -Be $total
        @($all.id | Sort-Object -Unique).Count | Should -Be $total
        @(RequestsSince $seq).Count | Should -Be ([Math]::Ceiling($total / 100))
        $seq = LastSeq
        @(Invoke-TallyfyApi GET runs -All | Select-Object -First 3).Count | Should -Be 3
        @(RequestsSince $seq).Count | Should -Be 1 -Because 'each page is written before the next is read'
    }

    It '-Raw gives the status, headers and body text, whatever the status' {
        $ok = Invoke-TallyfyApi GET me -Raw
        $ok | Should -BeOfType ([TallyfyPS.Model.TallyfyApiResponse])
        $ok.StatusCode | Should -Be 200
        $ok.Headers['content-type'] | Should -Match 'application/json'
        ($ok.Body | ConvertFrom-Json).data.email | Should -Be 'dana.whitfield@acme.example'
        $missing = Invoke-TallyfyApi GET runs/0123456789abcdef0123456789abcdef -Raw -ErrorVariable errs
        $missing.StatusCode | Should -Be 404
        ($missing.Body | ConvertFrom-Json).code | Should -Be 'RESOURCE_NOT_FOUND'
        $errs | Should -BeNullOrEmpty
    }

    It 'writes an error answer as a catalog error with Tallyfy''s message, code and field errors' {
        $null = Invoke-TallyfyApi POST runs -Body @{ name = 'No template' } -ErrorVariable errs -ErrorAction SilentlyContinue -Confirm:$false
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRequest,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Match 'checklist_id'
        $errs[0].Exception.FieldErrors.Keys | Should -Contain 'checklist_id'
        $errs[0].Exception.StatusCode | Should -Be 422
        $null = Invoke-TallyfyApi GET runs/0123456789abcdef0123456789abcdef -ErrorVariable nf -ErrorAction SilentlyContinue
        $nf[0].FullyQualifiedErrorId | Should -BeLike 'ResourceNotFound,*'
        $nf[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $nf[0].ErrorDetails.Message | Should -Match 'Resource not found \(code RESOURCE_NOT_FOUND\)'
        $nf[0].Exception.ErrorCode | Should -Be 'RESOURCE_NOT_FOUND'
    }

    It 'sends a hashtable body as JSON, and JSON text as it is' {
        $run = @(Invoke-TallyfyApi GET runs -Query @{ per_page = 1; status = 'active' })[0]
        $a = Invoke-TallyfyApi PUT "runs/$($run.id)" -Body @{ name = 'Renamed by a hashtable' } -Confirm:$false
        $a.name | Should -Be 'Renamed by a hashtable'
        $b = Invoke-TallyfyApi PUT "runs/$($run.id)" -Body '{"name":"Renamed by JSON text"}' -Confirm:$false
        $b.name | Should -Be 'Renamed by JSON text'
        (Get-TallyfyRun -Id $run.id).Name | Should -Be 'Renamed by JSON text'
    }
}

Describe 'What no cmdlet does yet' {
    BeforeAll { Fresh }

    It 'sets and removes one custom field of a run with PATCH, and replaces them all with PUT' {
        $run = @(Invoke-TallyfyApi GET runs -Query @{ per_page = 1; status = 'active' })[0]
        $seq = LastSeq
        $after = Invoke-TallyfyApi PATCH "runs/$($run.id)/custom-fields/cost_center" -Body @{ value = 'CC-1042' } -Confirm:$false
        $after.custom_fields.cost_center | Should -Be 'CC-1042'
        (RequestsSince $seq | Where-Object Method -eq 'PATCH').Path | Should -Be "/api/organizations/$org/runs/$($run.id)/custom-fields/cost_center"
        (Invoke-TallyfyApi GET "runs/$($run.id)").custom_fields.cost_center | Should -Be 'CC-1042'
        $all = Invoke-TallyfyApi PUT "runs/$($run.id)/custom-fields" -Body @{ region = 'EMEA' } -Confirm:$false
        @($all.custom_fields.PSObject.Properties.Name) | Should -Be @('region')
        $none = Invoke-TallyfyApi PATCH "runs/$($run.id)/custom-fields/region" -Body '{"value": null}' -Confirm:$false
        $none.PSObject.Properties.Name | Should -Not -Contain 'custom_fields'
    }
}

Describe 'Changes: -WhatIf and confirmation' {
    BeforeAll { Fresh }

    It '-WhatIf sends nothing for POST, PUT, PATCH and DELETE' {
        $run = @(Invoke-TallyfyApi GET runs -Query @{ per_page = 1; status = 'active' })[0]
        $seq = LastSeq
        foreach ($m in 'POST', 'PUT', 'PATCH', 'DELETE') {
            $out = @(Invoke-TallyfyApi $m "runs/$($run.id)" -Body @{ name = 'x' }.Where({ $m -ne 'DELETE' }) -WhatIf)
            $out.Count | Should -Be 0
        }
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'stops a DELETE with ConfirmationRequired in a host that cannot prompt, sending nothing; a POST is not prompted for' {
        $run = @(Invoke-TallyfyApi GET runs -Query @{ per_page = 1; status = 'active' })[0]
        $seq = LastSeq
        $r = Invoke-ChildPwsh -NonInteractive -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString '$($sb.Tokens['admin'])' -AsPlainText -Force)
try { Invoke-TallyfyApi DELETE 'runs/$($run.id)' } catch { 'REFUSED:' + `$_.FullyQualifiedErrorId }
`$tag = Invoke-TallyfyApi POST tags -Body @{ title = 'raw-noninteractive' }
'TAG:' + `$tag.title
'FORCED:' + (Invoke-TallyfyApi DELETE 'runs/$($run.id)' -Force).archived_at
"@
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $r.Output | Should -Match 'REFUSED:ConfirmationRequired'
        $r.Output | Should -Match 'TAG:raw-noninteractive'
        $r.Output | Should -Match 'FORCED:\d{4}-'
        @(Mutations $seq | Where-Object Method -eq 'DELETE').Count | Should -Be 1   # the -Force one only
        @(Mutations $seq | Where-Object Method -eq 'POST').Count | Should -Be 1
    }

    It 'sends a DELETE confirmed with -Confirm:$false (Tallyfy archives the run)' {
        $run = @(Invoke-TallyfyApi GET runs -Query @{ per_page = 1; status = 'active' })[0]
        $seq = LastSeq
        $out = @(Invoke-TallyfyApi DELETE "runs/$($run.id)" -Confirm:$false)
        $out[0].archived_at | Should -Not -BeNullOrEmpty
        @(Mutations $seq).Count | Should -Be 1
    }
}

Describe 'The client underneath' {
    It 'does not repeat a POST whose connection dropped, unless -Idempotent says it is safe' {
        Fresh -MaxRetries 2
        Set-TallyfySandboxFault $sb @{ resetBeforeRate = 1.0; methods = @('POST') }
        $seq = LastSeq
        $null = Invoke-TallyfyApi POST tags -Body @{ title = 'raw-once' } -ErrorVariable errs -ErrorAction SilentlyContinue -Confirm:$false
        @(RequestsSince $seq | Where-Object Method -eq 'POST').Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].Exception.Message | Should -Match 'not repeated'
        $seq = LastSeq
        $null = Invoke-TallyfyApi POST tags -Body @{ title = 'raw-again' } -Idempotent -ErrorVariable errs2 -ErrorAction SilentlyContinue -Confirm:$false
        @(RequestsSince $seq | Where-Object Method -eq 'POST').Count | Should -Be 3 -Because 'the first try and -MaxRetries 2 retries'
        $errs2.Count | Should -Be 1
        Set-TallyfySandboxFault $sb @{}
    }

    It 'retries a GET on a dropped connection' {
        Fresh -MaxRetries 5
        Set-TallyfySandboxFault $sb @{ resetBeforeRate = 0.3; methods = @('GET'); seed = 11 }
        $seq = LastSeq
        $out = @(1..6 | ForEach-Object { Invoke-TallyfyApi GET me })
        $out.Count | Should -Be 6
        @(RequestsSince $seq | Where-Object Fault -eq 'reset-before').Count | Should -BeGreaterThan 0 -Because 'connections were dropped, and retried'
        Set-TallyfySandboxFault $sb @{}
    }

    It 'waits out a burst 429 (traced), and never waits for one longer than -MaxWaitSec' {
        Fresh
        Set-TallyfySandboxFault $sb @{ burstLimit = 3; burstWindowSeconds = 1 }
        $seq = LastSeq
        $verbose = @(1..6 | ForEach-Object { Invoke-TallyfyApi GET me -Verbose 4>&1 })
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 6
        @(RequestsSince $seq | Where-Object Status -eq 429).Count | Should -BeGreaterThan 0
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '429 \(throttled\); waiting' }).Count | Should -BeGreaterThan 0
        Set-TallyfySandboxFault $sb @{ throttleRate = 1.0; throttleRetryAfterSeconds = 600 }
        $seq = LastSeq
        $null = Invoke-TallyfyApi GET me -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
        @(RequestsSince $seq).Count | Should -Be 1
        Set-TallyfySandboxFault $sb @{}
    }

    It 'renews an OAuth token refused with 401, and sends X-Tallyfy-Client (without it the sandbox answers 401)' {
        Set-TallyfySandboxFault $sb @{}
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret (ConvertTo-SecureString 'sandbox-client-secret' -AsPlainText -Force) -PassThru
        @(Invoke-TallyfyApi GET me -Session $s).Count | Should -Be 1
        Revoke-TallyfySandboxToken $sb | Out-Null
        $seq = LastSeq
        $me = @(Invoke-TallyfyApi GET me -Session $s)
        $me.Count | Should -Be 1
        $log = RequestsSince $seq
        ($log | ForEach-Object { "$($_.Method) $($_.Path) $($_.Status)" }) | Should -Be @('GET /api/me 401', 'POST /api/oauth/token 200', 'GET /api/me 200')
    }

    It 'refuses an answer over the size cap as InvalidResponse' {
        Fresh
        Set-TallyfySandboxFault $sb @{ hostile = @{ mode = 'huge'; rate = 1.0; pathContains = '/me' } }
        $null = Invoke-TallyfyApi GET me -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
        $errs[0].Exception.Message | Should -Match 'larger than 32 MiB'
        Set-TallyfySandboxFault $sb @{}
    }

    It 'masks secret query values and never shows the token in -Verbose' {
        Fresh
        $lines = @(Invoke-TallyfyApi GET runs -Query @{ per_page = 1; access_token = 'sekrit-123'; client_secret = 'sekrit-456' } -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        ($lines -join "`n") | Should -Match 'access_token=\*\*\*'
        ($lines -join "`n") | Should -Match 'per_page=1'
        ($lines -join "`n") | Should -Not -Match 'sekrit'
        ($lines -join "`n") | Should -Not -Match ([regex]::Escape($sb.Tokens['admin']))
    }
}
