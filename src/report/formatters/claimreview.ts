import type { VerifyReport } from '../../results/verify-report.js';
import type { ClaimResult, Rating } from '../../types.js';
import type { FormatContext, Publication } from './format-context.js';

export interface ClaimReviewContext {
  ratings: readonly Rating[];
  organization?: { name: string; url?: string };
  /** The fact-check page URL pattern, with {id}. */
  url?: string;
  /** The run's date, used as datePublished for claims with no `reviewed` date (only with --timestamp). */
  today?: string;
}

/** Google asks for claimReviewed under 75 characters. */
const CLAIM_REVIEWED_MAX = 75;

/**
 * schema.org ClaimReview JSON-LD, one object per claim: claimReviewed (the
 * claim's own words, shortened, never the rating), reviewRating from the
 * scale's mapping, itemReviewed (a Claim with author, date and appearance),
 * author (the organisation), datePublished and url.
 */
export function claimReviews(report: VerifyReport, ctx: ClaimReviewContext): { id: string; jsonld: Record<string, unknown> }[] {
  const onScale = ctx.ratings.filter((r) => r.claimreview > 0).map((r) => r.claimreview);
  const best = Math.max(...onScale);
  const worst = Math.min(...onScale);
  return report.result.claims.map((claim) => {
    const rating = ctx.ratings.find((r) => r.id === claim.rating);
    const published = claim.reviewed ?? ctx.today;
    return {
      id: claim.id,
      jsonld: {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        ...(ctx.url ? { url: ctx.url.replace('{id}', encodeURIComponent(claim.id)) } : {}),
        claimReviewed: shorten(claim.text),
        ...(published ? { datePublished: published } : {}),
        ...(ctx.organization ? { author: organization(ctx.organization) } : {}),
        reviewRating: {
          '@type': 'Rating',
          // Ratings off the true–false line (unproven, not checkable) get no number: a number would place them on it.
          ...(rating && rating.claimreview > 0 ? { ratingValue: rating.claimreview, bestRating: best, worstRating: worst } : {}),
          alternateName: claim.rating_label,
          name: claim.rating_label,
          ratingExplanation: claim.explanation,
        },
        // What was checked, and the ruling: the review's text, as a published fact check gives it.
        reviewBody: [claim.interpretation ? `What was checked: ${claim.interpretation}` : '', `Ruling: ${claim.rating_label}. ${claim.explanation}`].filter(Boolean).join(' '),
        itemReviewed: claimItem(claim),
      },
    };
  });
}

/** All of a report's ClaimReviews as one JSON array. */
export function formatClaimReview(report: VerifyReport, ctx: FormatContext): string {
  return `${JSON.stringify(claimReviews(report, reviewContextOf(ctx.publication)).map((r) => r.jsonld), null, 2)}\n`;
}

/** What ClaimReview needs of the publication: the scale, the organisation, the page URL and, with --timestamp, today. */
export function reviewContextOf(p: Publication | undefined): ClaimReviewContext {
  return {
    ratings: p?.ratings ?? [],
    ...(p?.organization ? { organization: p.organization } : {}),
    ...(p?.claimreviewUrl ? { url: p.claimreviewUrl } : {}),
    ...(p?.timestamp ? { today: p.timestamp.slice(0, 10) } : {}),
  };
}

function claimItem(claim: ClaimResult): Record<string, unknown> {
  const appearance: Record<string, unknown> = { '@type': 'CreativeWork', name: claim.appearance.title };
  if (claim.appearance.url) appearance.url = claim.appearance.url;
  return {
    '@type': 'Claim',
    author: { '@type': claim.claimant.kind === 'person' ? 'Person' : 'Organization', name: claim.claimant.name },
    datePublished: claim.date,
    // The whole words, and what was asked or happening when they were said.
    text: claim.text,
    ...(claim.context ? { description: claim.context } : {}),
    appearance,
  };
}

function organization(org: { name: string; url?: string }): Record<string, unknown> {
  return { '@type': 'Organization', name: org.name, ...(org.url ? { url: org.url } : {}) };
}

/** Whole words up to the limit, with an ellipsis when cut. */
function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= CLAIM_REVIEWED_MAX) return flat;
  const cut = flat.slice(0, CLAIM_REVIEWED_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
