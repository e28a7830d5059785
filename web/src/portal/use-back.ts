import { useLocation, useNavigate } from 'react-router';

/** 返回: back where the person came from; opened from a link (no history here), to `fallback()`. */
export function useBack(fallback: () => string): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  return () => {
    if (location.key !== 'default') void navigate(-1);
    else void navigate(fallback());
  };
}
