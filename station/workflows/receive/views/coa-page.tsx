import type { Manifest, ManifestLine } from "#contract/receiving.js";
import { Layout } from "#station/web/views/layout.js";
import { ReceiveStyle } from "./style.js";

/**
 * The kiosk's own COA page for a manifest line, when the hub does not hand out the lab's PDF:
 * everything the hub sent with the line, `why` the PDF is not shown, and where the office opens it.
 */
export function CoaDocumentPage({ manifest, line, why }: { manifest: Manifest; line: ManifestLine; why: string }) {
  const coa = line.coa;
  return (
    <Layout title={`COA · ${line.label}`}>
      <ReceiveStyle />
      <main
        class="rx rx-coa-page"
        data-coa-document={line.label}
        data-coa-passed={coa ? String(coa.overallPassed) : ""}
      >
        <h1>Certificate of analysis</h1>
        <dl class="rx-coa-facts">
          <dt>Package</dt>
          <dd class="rx-tag">{line.label}</dd>
          <dt>Item</dt>
          <dd>{line.itemName}</dd>
          <dt>Manifest</dt>
          <dd>
            {manifest.manifestNumber} from {manifest.shipperName} ({manifest.shipperLicense})
          </dd>
          <dt>METRC lab state</dt>
          <dd>{line.labState}</dd>
          {coa ? (
            <>
              <dt>Lab</dt>
              <dd>{coa.lab}</dd>
              <dt>Tested</dt>
              <dd>{coa.testedAt}</dd>
              <dt>THC</dt>
              <dd>{coa.thc}</dd>
              <dt>CBD</dt>
              <dd>{coa.cbd}</dd>
              <dt>Result</dt>
              <dd>
                <b class={coa.overallPassed ? "rx-ok-text" : "rx-bad-text"}>
                  {coa.overallPassed ? "PASSED" : "FAILED"}
                </b>
              </dd>
            </>
          ) : (
            <>
              <dt>COA</dt>
              <dd class="rx-bad-text">None came with this package: it cannot be accepted.</dd>
            </>
          )}
        </dl>
        <p class="rx-sub" data-coa-why>
          {why}
          {coa?.documentUrl
            ? ` The office opens it on the hub under Receiving, manifest ${manifest.manifestNumber}.`
            : ""}
        </p>
        <a class="rx-btn" href="/receive">
          Back to receiving
        </a>
      </main>
    </Layout>
  );
}
